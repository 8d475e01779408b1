using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Identity;

/// <summary>
/// A merchant's team: its own users. The merchant's team admins, and platform admins for every merchant, invite
/// colleagues, remove them (the account is locked and its history kept, so it can be restored) and choose who else
/// is a team admin. The work itself is <see cref="UserAdminService"/>'s, which audits it.
/// </summary>
public sealed class TeamService(UserAdminService users, IDbContextFactory<PortalDb> dbs, TimeProvider clock)
{
    /// <summary>How many colleagues one page of the team lists.</summary>
    public const int PageSize = 25;

    /// <summary>Whether the actor manages this merchant's team: an admin, or a team admin of the merchant whose account is open.</summary>
    public async Task<bool> MayManageAsync(Guid merchantId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ManageTeam) || !actor.MaySee(merchantId))
        {
            return false;
        }

        if (actor.Role == Roles.Admin)
        {
            return true;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var self = await db.Users.AsNoTracking()
            .Where(u => u.Id == actor.Id && u.MerchantId == merchantId && u.IsTeamAdmin)
            .Select(u => new { u.LockoutEnd })
            .FirstOrDefaultAsync(ct);
        return self is not null && !(self.LockoutEnd > clock.GetUtcNow());
    }

    /// <summary>A page (from 0) of the merchant's users, optionally those whose name or email holds <paramref name="search"/>.</summary>
    public async Task<Result<Page<UserSummary>>> ListAsync(Guid merchantId, Actor actor, int page = 0, string? search = null, CancellationToken ct = default)
    {
        if (!await MayManageAsync(merchantId, actor, ct))
        {
            return UserErrors.TeamNotAllowed;
        }

        return await users.SearchAsync(new UserQuery(Search: search, Page: Math.Max(page, 0), PageSize: PageSize, MerchantId: merchantId), ct);
    }

    /// <summary>Adds a merchant user to the team; the caller sends the invitation link.</summary>
    public async Task<Result<UserSummary>> InviteAsync(Guid merchantId, InviteColleague request, Actor actor, CancellationToken ct = default) =>
        !await MayManageAsync(merchantId, actor, ct)
            ? UserErrors.TeamNotAllowed
            : await users.CreateAsync(new CreateUser(request.Email, request.DisplayName, Roles.Merchant, merchantId, IsTeamAdmin: request.IsTeamAdmin), actor, ct);

    /// <summary>Ends the colleague's access at once: the account is locked and its open sessions end.</summary>
    public Task<Result<UserSummary>> RemoveAsync(Guid merchantId, string userId, Actor actor, CancellationToken ct = default) =>
        OnColleagueAsync(merchantId, userId, actor, _ => users.LockAsync(userId, actor, ct), ct);

    /// <summary>Gives a removed colleague their access back.</summary>
    public Task<Result<UserSummary>> RestoreAsync(Guid merchantId, string userId, Actor actor, CancellationToken ct = default) =>
        OnColleagueAsync(merchantId, userId, actor, _ => users.UnlockAsync(userId, actor, ct), ct);

    public Task<Result<UserSummary>> SetTeamAdminAsync(Guid merchantId, string userId, bool teamAdmin, Actor actor, CancellationToken ct = default) =>
        OnColleagueAsync(merchantId, userId, actor, colleague =>
            users.UpdateAsync(userId, new UpdateUser(colleague.DisplayName, Roles.Merchant, merchantId, teamAdmin), actor, ct), ct);

    private async Task<Result<UserSummary>> OnColleagueAsync(
        Guid merchantId, string userId, Actor actor, Func<UserSummary, Task<Result<UserSummary>>> change, CancellationToken ct)
    {
        if (!await MayManageAsync(merchantId, actor, ct))
        {
            return UserErrors.TeamNotAllowed;
        }

        // Someone outside the team is "not found", so a team admin learns nothing about other merchants' users.
        if (await users.FindAsync(userId, ct) is not { } colleague || colleague.MerchantId != merchantId || colleague.Role != Roles.Merchant)
        {
            return UserErrors.NotFound;
        }

        return await change(colleague);
    }
}

/// <summary>A colleague to invite to a merchant's team.</summary>
public sealed record InviteColleague(string Email, string DisplayName, bool IsTeamAdmin = false);
