using Samsara.Gateway.Extensions;
using Samsara.ServiceDefaults;

return ServiceHost.Run(args, builder =>
{
    builder.AddServiceDefaults();
    builder.AddGatewayServices();
}, app =>
{
    app.MapDefaultEndpoints();
    app.MapGateway();
});
