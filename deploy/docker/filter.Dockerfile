# syntax=docker/dockerfile:1
# The filter service (services/filter). Filtering never loads libtorch, so it runs on the plain ASP.NET image with the
# default (CPU) TorchSharp package, which Samsara.Stages brings along.
# Build from the repository root:  docker build -f deploy/docker/filter.Dockerfile -t samsara-filter .
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY libs/ libs/
COPY services/filter/ services/filter/
RUN dotnet publish services/filter/Samsara.Filter/Samsara.Filter.csproj -c Release -o /app -p:UseAppHost=false

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
    DOTNET_EnableDiagnostics=0
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Samsara.Filter.dll"]
