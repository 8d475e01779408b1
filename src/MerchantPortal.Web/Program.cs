using MerchantPortal;
using MerchantPortal.Web;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddLinkedEnvironmentSettings();
builder.AddCore();
builder.AddWeb();
builder.AddPortalCommands(args);

var app = builder.Build();

if (PortalCommands.IsCommand(args))
{
    return await PortalCommands.RunAsync(app, args);
}

// The sandbox first: the demo history pays for orders by card through it.
await app.StartStripeSandboxAsync();
await app.PrepareDatabaseAsync();
app.UsePortalPipeline();
app.MapPortalEndpoints();
app.PrintReadyBanner();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point; public so tests can host the real app.</summary>
public partial class Program;
