using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Samsara.Grpc.Internal.Reflection;

/// <summary>
/// The .proto files behind a set of services, with their transitive imports, indexed by file name and by every
/// symbol they declare (services, methods, messages, nested types, enums, extensions): what reflection clients
/// such as grpcurl look up.
/// </summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);

    public DescriptorIndex(IEnumerable<ServiceDescriptor> services)
    {
        foreach (var service in services) AddFile(service.File);
    }

    public ReflectionAnswer FileByName(string name) =>
        _files.TryGetValue(name, out var file) ? WithDependencies(file) : new ReflectionAnswer.Error(StatusCode.NotFound, $"File '{name}' not found.");

    public ReflectionAnswer FileContainingSymbol(string symbol) =>
        _symbols.TryGetValue(symbol, out var file) ? WithDependencies(file) : new ReflectionAnswer.Error(StatusCode.NotFound, $"Symbol '{symbol}' not found.");

    public ReflectionAnswer FileContainingExtension(string containingType, int number)
    {
        var file = Extensions().FirstOrDefault(e => e.ExtendeeType.FullName == containingType && e.FieldNumber == number)?.File;
        return file is null
            ? new ReflectionAnswer.Error(StatusCode.NotFound, $"Extension {number} of '{containingType}' not found.")
            : WithDependencies(file);
    }

    public ReflectionAnswer ExtensionNumbersOf(string type)
    {
        if (!_symbols.ContainsKey(type)) return new ReflectionAnswer.Error(StatusCode.NotFound, $"Type '{type}' not found.");
        var numbers = Extensions().Where(e => e.ExtendeeType.FullName == type).Select(e => e.FieldNumber).Order().ToList();
        return new ReflectionAnswer.ExtensionNumbers(type, numbers);
    }

    private IEnumerable<FieldDescriptor> Extensions() =>
        _files.Values.SelectMany(f => f.Extensions.UnorderedExtensions.Concat(AllMessages(f.MessageTypes).SelectMany(m => m.Extensions.UnorderedExtensions)));

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file)) return;
        foreach (var service in file.Services)
        {
            _symbols[service.FullName] = file;
            foreach (var method in service.Methods) _symbols[$"{service.FullName}.{method.Name}"] = file;
        }
        foreach (var message in AllMessages(file.MessageTypes))
        {
            _symbols[message.FullName] = file;
            foreach (var nested in message.EnumTypes) _symbols[nested.FullName] = file;
            foreach (var extension in message.Extensions.UnorderedExtensions) _symbols[extension.FullName] = file;
        }
        foreach (var type in file.EnumTypes) _symbols[type.FullName] = file;
        foreach (var extension in file.Extensions.UnorderedExtensions) _symbols[extension.FullName] = file;
        foreach (var dependency in file.Dependencies) AddFile(dependency);
    }

    private static IEnumerable<MessageDescriptor> AllMessages(IEnumerable<MessageDescriptor> messages) =>
        messages.SelectMany(m => AllMessages(m.NestedTypes).Prepend(m));

    // The requested file first, then every file it imports, directly or not, each once: a client must be able to
    // build the file from this one answer.
    private static ReflectionAnswer.Files WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ByteString>();
        var pending = new Queue<FileDescriptor>([file]);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Name)) continue;
            result.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies) pending.Enqueue(dependency);
        }
        return new ReflectionAnswer.Files(result);
    }
}
