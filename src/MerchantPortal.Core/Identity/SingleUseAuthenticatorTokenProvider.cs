using MerchantPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Identity;

/// <summary>
/// The authenticator app's codes (Identity's "Authenticator" provider, for sign-in and for turning two-factor
/// on), each accepted once: a code is good only for a time step later than the last one accepted for the user, and
/// that step is recorded by a conditional update, so two requests racing with one code cannot both pass.
/// </summary>
internal sealed class SingleUseAuthenticatorTokenProvider(IDbContextFactory<PortalDb> dbs, TimeProvider clock)
    : IUserTwoFactorTokenProvider<PortalUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app makes the codes; the portal never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        if (await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key
            || AuthenticatorCodes.MatchingStep(key, token, clock.GetUtcNow()) is not { } step)
        {
            return false;
        }

        await using var db = await dbs.CreateDbContextAsync();
        var claimed = await db.Users
            .Where(u => u.Id == user.Id && (u.LastAuthenticatorTimeStep == null || u.LastAuthenticatorTimeStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAuthenticatorTimeStep, step));
        // The tracked user too, or Identity's next save of it would write the older step back.
        user.LastAuthenticatorTimeStep = Math.Max(step, user.LastAuthenticatorTimeStep ?? step);
        return claimed == 1;
    }
}
