# syntax=docker/dockerfile:1
# The generator service (services/generator). Generates with local models (CPU or CUDA, as the run spec says): it is published with TorchSharp's CUDA backend
# (-p:SamsaraTorchBackend=cuda → TorchSharp-cuda-linux, whose libtorch brings its CUDA 12.8 libraries), so the image
# needs only the NVIDIA driver, which the NVIDIA container toolkit mounts into GPU pods.
# Build from the repository root:  docker build -f deploy/docker/generator.Dockerfile -t samsara-generator .
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY libs/ libs/
COPY services/generator/ services/generator/
RUN dotnet publish services/generator/Samsara.Generator/Samsara.Generator.csproj -c Release -o /app -p:UseAppHost=false -p:SamsaraTorchBackend=cuda

# Ubuntu 24.04: its libstdc++ has the GLIBCXX_3.4.32 that TorchSharp's native library asks for (Debian 12's lacks it).
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
RUN mkdir -p /artifacts && chown "$APP_UID:$APP_UID" /artifacts
USER $APP_UID
WORKDIR /app
COPY --from=build /app ./
# Its gRPC API and grpc.health.v1 (the chart's probes) on 8080 (h2c: clients speak HTTP/2 with prior knowledge);
# this HEALTHCHECK and metric scrapes speak HTTP/1.1 on 8081.
ENV ASPNETCORE_HTTP_PORTS= \
    Kestrel__Endpoints__Grpc__Url=http://+:8080 \
    Kestrel__Endpoints__Http__Url=http://+:8081 \
    Kestrel__Endpoints__Http__Protocols=Http1 \
    Artifacts__Root=/artifacts \
    DOTNET_EnableDiagnostics=0 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Samsara.Generator.dll"]
