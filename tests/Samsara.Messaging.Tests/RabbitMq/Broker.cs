using System.Net;
using RabbitMQ.Client;

namespace Samsara.Messaging.Tests.RabbitMq;

/// <summary>
/// The test broker, from <c>SAMSARA_TEST_RABBITMQ</c> (an AMQP URI; default <c>amqp://guest:guest@127.0.0.1:5672/</c>).
/// It must be on loopback: the tests restart it.
/// </summary>
internal static class Broker
{
    public const string EnvironmentVariable = "SAMSARA_TEST_RABBITMQ";
    public const string DefaultUri = "amqp://guest:guest@127.0.0.1:5672/";

    public static Uri Uri { get; } = new(Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : DefaultUri);

    public static string Host => Uri.Host;

    public static int Port => Uri.IsDefaultPort || Uri.Port < 0 ? 5672 : Uri.Port;

    public static string VirtualHost => Uri.AbsolutePath is "" or "/" ? "/" : Uri.UnescapeDataString(Uri.AbsolutePath[1..]);

    public static string Username => Uri.UnescapeDataString(Uri.UserInfo.Split(':')[0]);

    public static string Password => Uri.UnescapeDataString(Uri.UserInfo.Split(':', 2) is [_, var password] ? password : string.Empty);

    /// <summary>The URI without the password, for messages.</summary>
    public static string Display => $"amqp://{Username}@{Host}:{Port}/{(VirtualHost == "/" ? string.Empty : VirtualHost)}";

    public static bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The <c>Messaging</c> settings that point a service at this broker.</summary>
    public static Dictionary<string, string?> Settings()
    {
        var settings = Support.Settings.Fast();
        settings["Messaging:RabbitMq:Host"] = Host;
        settings["Messaging:RabbitMq:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Messaging:RabbitMq:VirtualHost"] = VirtualHost;
        settings["Messaging:RabbitMq:Username"] = Username;
        settings["Messaging:RabbitMq:Password"] = Password;
        return settings;
    }

    /// <summary>A plain AMQP connection, for looking at queues behind MassTransit's back.</summary>
    public static Task<IConnection> ConnectAsync(CancellationToken cancellationToken = default) =>
        new ConnectionFactory
        {
            HostName = Host,
            Port = Port,
            VirtualHost = VirtualHost,
            UserName = Username,
            Password = Password,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        }.CreateConnectionAsync("samsara-tests", cancellationToken);
}
