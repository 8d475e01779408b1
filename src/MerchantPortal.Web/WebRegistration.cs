using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Components.Account;
using MerchantPortal.Web.Components.Account.Email;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.Support;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Operations;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;

namespace MerchantPortal.Web;

public static class WebRegistration
{
    private const int PastedTextOverhead = 64 * 1024;

    /// <summary>Registers the portal's UI, sign-in, authorization and operational endpoints.</summary>
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // A pasted list of codes travels in one SignalR message: allow as much as a code file may hold (32 KB by default),
        // so an over-long paste gets the upload's own error instead of breaking the page.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = MerchantPortal.Catalog.KeyCodeText.MaxUploadBytes + PastedTextOverhead);
        // X-Frame-Options comes from the security headers middleware (DENY), not antiforgery (SAMEORIGIN).
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.PreventDuplicates = false;
            config.SnackbarConfiguration.VisibleStateDuration = 5000;
        });

        services.AddSignInAndSessions(builder.Configuration);
        services.AddPortalAuthorization();
        services.AddAccountEmail();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<BrowserTimeZone>();
        services.AddScoped<Clipboard>();
        services.AddScoped<FormFocus>();
        services.AddScoped<PendingApprovals>();
        services.AddPublicApi();

        services.AddHealthChecks().AddDbContextCheck<PortalDb>("database");
        services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.SectionName);
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<DemoHistory>();
        services.AddScoped<DemoBackdating>();
        services.AddScoped<DemoCards>();
        // The sandbox's challenge page answers with a redirect to the portal's return URL, which the seeder does not follow.
        services.AddHttpClient(DemoCards.ChallengeClient).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddScoped<DemoOpenOrders>();
        services.AddScoped<DemoOrderRequests>();
        return builder;
    }

    private static void AddSignInAndSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionRevalidationOptions>().BindConfiguration(SessionRevalidationOptions.SectionName);
        var interval = configuration.GetSection(SessionRevalidationOptions.SectionName).Get<SessionRevalidationOptions>()?.RevalidationInterval
            ?? new SessionRevalidationOptions().RevalidationInterval;

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, PortalRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddProblemDetails();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "MerchantPortal.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        // Cookies are re-checked against the database this often (framework default: 30 minutes).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = interval);
        services.AddSingleton<UnknownUserPassword>();
        new IdentityBuilder(typeof(PortalUser), typeof(IdentityRole), services).AddSignInManager<PortalSignInManager>();
    }

    private static void AddAccountEmail(this IServiceCollection services)
    {
        // The transport itself is Core's (AddCore), shared with the service layer's emails.
        services.AddSingleton<PortalEmail>();
        services.AddSingleton<IEmailSender<PortalUser>>(sp => sp.GetRequiredService<PortalEmail>());
        services.AddScoped<AccountLinks>();
    }
}
