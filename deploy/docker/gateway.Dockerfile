# syntax=docker/dockerfile:1
# The gRPC gateway (services/gateway). It does not load libtorch, so it runs on the plain ASP.NET image.
# Build from the repository root:  docker build -f deploy/docker/gateway.Dockerfile -t samsara-gateway .
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY libs/ libs/
COPY services/gateway/ services/gateway/
RUN dotnet publish services/gateway/Samsara.Gateway/Samsara.Gateway.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
# Writable places are volumes (the chart mounts them); everything else can be a read-only root filesystem.
RUN mkdir -p /var/lib/samsara /artifacts && chown "$APP_UID:$APP_UID" /var/lib/samsara /artifacts
COPY --from=build /app ./
# gRPC clients and the chart's gRPC probes speak HTTP/2 with prior knowledge (port 8080, h2c); daprd and this
# HEALTHCHECK speak HTTP/1.1, so the health and Dapr actor routes are also served on an HTTP/1.1 port (8081).
ENV ASPNETCORE_HTTP_PORTS= \
    Kestrel__Endpoints__Grpc__Url=http://+:8080 \
    Kestrel__Endpoints__Http__Url=http://+:8081 \
    Kestrel__Endpoints__Http__Protocols=Http1 \
    Gateway__StatePath=/var/lib/samsara/gateway.db \
    Gateway__ArtifactRoot=/artifacts \
    DOTNET_EnableDiagnostics=0
EXPOSE 8080 8081
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Samsara.Gateway.dll"]
