using System.Collections;
using System.Text;

namespace Samsara.Grpc;

/// <summary>
/// gRPC metadata: an ordered list of key/value entries sent as HTTP/2 headers or trailers. Keys are lower-case
/// <c>[0-9a-z_.-]</c>; a key ending in <c>-bin</c> carries bytes (base64 on the wire), any other key printable ASCII.
/// Keys may repeat.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    /// <summary>The suffix that marks a binary entry.</summary>
    public const string BinaryHeaderSuffix = "-bin";

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public bool IsReadOnly => false;

    public Entry this[int index]
    {
        get => _entries[index];
        set => _entries[index] = value ?? throw new ArgumentNullException(nameof(value));
    }

    public Metadata Add(string key, string value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] valueBytes)
    {
        _entries.Add(new Entry(key, valueBytes));
        return this;
    }

    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _entries.Add(item);
    }

    /// <summary>The last entry with this key, or null; keys compare case-insensitively, as HTTP header names do.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase)) return _entries[i];
        }
        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key) =>
        _entries.Where(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    public void Clear() => _entries.Clear();

    public bool Contains(Entry item) => _entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(Entry item) => _entries.IndexOf(item);

    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _entries.Insert(index, item);
    }

    public bool Remove(Entry item) => _entries.Remove(item);

    public void RemoveAt(int index) => _entries.RemoveAt(index);

    /// <summary>One key/value pair; immutable, validated on creation so a bad entry fails where it was made.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key);
            if (IsBinary) throw new ArgumentException($"Key '{Key}' ends in '-bin' and needs a byte[] value.", nameof(key));
            // Anything outside printable ASCII would be mangled or rejected by HTTP/2 peers; -bin exists for that.
            foreach (var c in value)
            {
                if (c is < ' ' or > '~') throw new ArgumentException($"Metadata value for '{Key}' must be printable ASCII; use a '-bin' key for other data.", nameof(value));
            }
            _value = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            ArgumentNullException.ThrowIfNull(valueBytes);
            Key = NormalizeKey(key);
            if (!IsBinary) throw new ArgumentException($"Key '{Key}' carries bytes and must end in '-bin'.", nameof(key));
            _valueBytes = valueBytes;
        }

        public string Key { get; }

        public bool IsBinary => Key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        /// <exception cref="InvalidOperationException">The entry is binary; read <see cref="ValueBytes"/>.</exception>
        public string Value => _value ?? throw new InvalidOperationException($"Entry '{Key}' is binary; read ValueBytes.");

        /// <summary>The bytes of a binary entry, or the ASCII bytes of a text entry (a copy either way).</summary>
        public byte[] ValueBytes => _valueBytes is not null ? (byte[])_valueBytes.Clone() : Encoding.ASCII.GetBytes(_value!);

        public override string ToString() => IsBinary ? $"[Entry: key={Key}, valueBytes={Convert.ToHexString(_valueBytes!)}]" : $"[Entry: key={Key}, value={_value}]";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-'))
                    throw new ArgumentException($"Metadata key '{key}' may only contain 0-9, a-z, '_', '.' and '-'.", nameof(key));
            }
            return lower;
        }
    }
}
