using Samsara.Judge.Extensions;
using Samsara.ServiceDefaults;

return ServiceHost.Run(args, builder =>
{
    builder.AddServiceDefaults();
    builder.AddApplicationServices();
}, app =>
{
    app.MapDefaultEndpoints();
    app.MapApplicationServices();
});
