using MerchantPortal.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Components.Account;

/// <summary>
/// Identity's sign-in, except that an email with no account costs a password check too: otherwise a wrong password
/// for a known email (one hash check, ~100 ms) and any password for an unknown one (no check, a few ms) would tell an
/// attacker which emails have accounts. The unknown email's password is checked against a hash of a random password.
/// </summary>
internal sealed class PortalSignInManager(
    UserManager<PortalUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    UnknownUserPassword unknownUser)
    : SignInManager<PortalUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            unknownUser.Check(UserManager.PasswordHasher, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }
}

/// <summary>
/// A hash of a random password, made once with Identity's hasher and the app's hashing options (so its check costs
/// what a user's does), to check unknown users' passwords against.
/// </summary>
internal sealed class UnknownUserPassword(IOptions<PasswordHasherOptions> options)
{
    private static readonly PortalUser Nobody = new();

    private readonly Lazy<string> _hash = new(() =>
        new PasswordHasher<PortalUser>(options).HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    /// <summary>Does the work of a password check, with the users' own hasher, whose answer is always "wrong".</summary>
    public void Check(IPasswordHasher<PortalUser> hasher, string password) => hasher.VerifyHashedPassword(Nobody, _hash.Value, password);
}
