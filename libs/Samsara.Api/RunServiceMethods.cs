using Samsara.Api.V1;
using Samsara.Grpc;

namespace Samsara.Api;

/// <summary>samsara.v1.RunService's methods, built from the proto's descriptor so names and kinds cannot drift.</summary>
public static class RunServiceMethods
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Service => RunServiceReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("RunService");

    public static readonly Method<StartRunRequest, Run> StartRun = new(Service.FindMethodByName("StartRun"));
    public static readonly Method<GetRunRequest, Run> GetRun = new(Service.FindMethodByName("GetRun"));
    public static readonly Method<ListRunsRequest, ListRunsResponse> ListRuns = new(Service.FindMethodByName("ListRuns"));
    public static readonly Method<WatchRunRequest, RunEvent> WatchRun = new(Service.FindMethodByName("WatchRun"));
    public static readonly Method<CancelRunRequest, Run> CancelRun = new(Service.FindMethodByName("CancelRun"));
}
