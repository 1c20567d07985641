# syntax=docker/dockerfile:1
# The trainer service (services/trainer). Trains on NVIDIA GPUs: it runs on a CUDA PyTorch image, with the native libtorch shim built there.
# Build from the repository root:  docker build -f deploy/docker/trainer.Dockerfile -t samsara-trainer .
ARG DOTNET_VERSION=10.0
# The CUDA PyTorch image whose libtorch the native shim (native/samsara_torch) is built against. The -devel image
# has nvcc and the CUDA headers find_package(Torch) needs; the -runtime image of the same tag has the same libtorch
# at the same path, which is where the shim's RPATH points.
ARG PYTORCH_TAG=2.5.1-cuda12.4-cudnn9

FROM pytorch/pytorch:${PYTORCH_TAG}-devel AS native
RUN apt-get update && apt-get install -y --no-install-recommends cmake g++ make && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY native/samsara_torch/ native/samsara_torch/
RUN cmake -S native/samsara_torch -B native/build -DCMAKE_BUILD_TYPE=Release \
      -DTorch_DIR="$(python -c 'import torch; print(torch.utils.cmake_prefix_path)')/Torch" \
 && cmake --build native/build -j"$(nproc)"

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY libs/ libs/
COPY services/trainer/ services/trainer/
# The shim comes from the native stage; SkipNativeBuild keeps the SDK image (no CMake, no libtorch) from rebuilding it.
COPY --from=native /src/native/build/libsamsara_torch.so native/build/libsamsara_torch.so
RUN dotnet publish services/trainer/Samsara.Trainer/Samsara.Trainer.csproj -c Release -o /app -p:UseAppHost=false -p:SkipNativeBuild=true

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS dotnet-runtime

FROM pytorch/pytorch:${PYTORCH_TAG}-runtime AS runtime
# The .NET runtime beside PyTorch's libtorch and CUDA libraries (globalization is invariant: no ICU needed).
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 zlib1g \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --no-create-home --shell /usr/sbin/nologin app \
 && mkdir -p /artifacts && chown 1654:1654 /artifacts
COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet \
    PATH=/usr/share/dotnet:$PATH
USER 1654:1654
WORKDIR /app
COPY --from=build /app ./
# Its gRPC API on 8080 (h2c: clients speak HTTP/2 with prior knowledge); probes and this HEALTHCHECK speak
# HTTP/1.1 on 8081.
ENV ASPNETCORE_HTTP_PORTS= \
    Kestrel__Endpoints__Grpc__Url=http://+:8080 \
    Kestrel__Endpoints__Http__Url=http://+:8081 \
    Kestrel__Endpoints__Http__Protocols=Http1 \
    Artifacts__Root=/artifacts \
    DOTNET_EnableDiagnostics=0
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Samsara.Trainer.dll"]
