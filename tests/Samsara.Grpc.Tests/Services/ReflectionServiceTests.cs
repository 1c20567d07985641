using Google.Protobuf;
using Google.Protobuf.Reflection;
using Samsara.Grpc.Reflection.V1;
using Samsara.Grpc.Tests.Infrastructure;

namespace Samsara.Grpc.Tests.Services;

public sealed class ReflectionServiceTests(SamsaraServerFixture fixture) : IClassFixture<SamsaraServerFixture>
{
    private static readonly Method<ServerReflectionRequest, ServerReflectionResponse> Info = new(ReflectionReflection.Descriptor.Services[0].Methods[0]);

    [Fact]
    public async Task Lists_every_mapped_service()
    {
        var response = await AskAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.Equal(
            ["grpc.testing.TestService", "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection", "samsara.test.Probe"],
            response.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Theory]
    [InlineData("grpc.testing.TestService", "grpc/testing/test.proto")]
    [InlineData("grpc.testing.TestService.FullDuplexCall", "grpc/testing/test.proto")]
    [InlineData("grpc.testing.SimpleRequest", "grpc/testing/messages.proto")]
    [InlineData("grpc.testing.PayloadType", "grpc/testing/messages.proto")]
    [InlineData("grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc/health/v1/health.proto")]
    public async Task File_containing_symbol_comes_first_with_its_imports(string symbol, string file)
    {
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });
        var files = response.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        Assert.Equal(file, files[0].Name);
        // Every import of every returned file is in the answer too.
        Assert.All(files.SelectMany(f => f.Dependency), d => Assert.Contains(d, files.Select(f => f.Name)));
    }

    [Fact]
    public async Task File_by_name_returns_the_test_proto_and_its_dependencies()
    {
        var response = await AskAsync(new ServerReflectionRequest { FileByFilename = "grpc/testing/test.proto" });
        Assert.Equal(
            ["grpc/testing/test.proto", "grpc/testing/empty.proto", "grpc/testing/messages.proto"],
            response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name));
    }

    [Theory]
    [InlineData("no.such.Symbol")]
    [InlineData("")]
    public async Task Unknown_symbol_is_a_NOT_FOUND_error_response(string symbol)
    {
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });
        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
        Assert.Equal(symbol, response.OriginalRequest.FileContainingSymbol);
    }

    [Fact]
    public async Task Extension_numbers_of_a_message_without_extensions_are_empty()
    {
        var response = await AskAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = "grpc.testing.SimpleRequest" });
        Assert.Equal("grpc.testing.SimpleRequest", response.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(response.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task Request_with_nothing_set_is_UNIMPLEMENTED()
    {
        var response = await AskAsync(new ServerReflectionRequest { Host = "h" });
        Assert.Equal((int)StatusCode.Unimplemented, response.ErrorResponse.ErrorCode);
        Assert.Equal("h", response.ValidHost);
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request)
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = channel.DuplexStreaming(Info);
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        var responses = await call.ResponseStream.ReadAllAsync().ToListAsync();
        return Assert.Single(responses);
    }
}
