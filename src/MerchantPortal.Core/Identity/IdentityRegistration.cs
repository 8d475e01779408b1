using MerchantPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Identity;

internal static class IdentityRegistration
{
    /// <summary>Users, roles and their rules. Cookies and sign-in are added by the web host.</summary>
    public static IdentityBuilder AddPortalIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Password.RequiredUniqueChars = 5;
                // Five wrong passwords are tolerated; the sixth locks the account for 15 minutes.
                options.Lockout.MaxFailedAccessAttempts = LockoutPolicy.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = LockoutPolicy.Duration;
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDb>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
}
