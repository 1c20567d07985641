using Samsara.Api.V1;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Stages.Plan;

/// <summary>
/// A model the run loads: its directory (or the endpoint serving it), the device (default cpu) and the weights' type
/// (default: as the checkpoint stores them; a training computes in float32 unless the model names a type). The names
/// are parsed when a stage asks, so a stage that never loads this model does not start libtorch for it.
/// </summary>
public sealed record ModelPlan(string Path, EndpointRef? Endpoint, string DeviceName, string? DTypeName)
{
    public const string DefaultDevice = "cpu";

    public static ModelPlan Of(ModelRef model) =>
        new(model.Path, model.Endpoint, model.Device.Length == 0 ? DefaultDevice : model.Device, model.Dtype.Length == 0 ? null : model.Dtype);

    public Device Device => TorchNames.ParseDevice(DeviceName);

    /// <summary>The type to load the weights as; null keeps the checkpoint's.</summary>
    public ScalarType? DType => DTypeName is null ? null : TorchNames.ParseFloat(DTypeName);

    /// <summary>The type a training of this model computes in.</summary>
    public ScalarType TrainingDType => DType ?? ScalarType.Float32;

    /// <summary>Another checkpoint on this model's device and type (a trained model evaluated like the student).</summary>
    public ModelPlan At(string path) => this with { Path = path, Endpoint = null };
}
