using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Identity;

public sealed class TeamServiceTests : CoreServiceTest
{
    private const string Password = "Correct-Horse-42!";

    private TeamService Team => Host.Get<TeamService>();

    [Fact]
    public async Task A_team_admin_invites_a_colleague_who_joins_their_merchant_as_a_merchant_user()
    {
        var (merchantId, owner) = await TeamWithAdminAsync();

        var invited = await Team.InviteAsync(merchantId, new InviteColleague("nick@acme.test", "Nick Clerk"), owner);

        Assert.True(invited.Succeeded, invited.Error?.Message);
        Assert.Equal(Roles.Merchant, invited.Value.Role);
        Assert.Equal(merchantId, invited.Value.MerchantId);
        Assert.False(invited.Value.IsTeamAdmin);
        Assert.Contains(await AuditAsync(), e => e.Action == AuditActions.UserCreated && e.ActorId == owner.Id && e.MerchantId == merchantId);
    }

    [Fact]
    public async Task Every_problem_with_an_invitation_is_reported_at_once()
    {
        var (merchantId, owner) = await TeamWithAdminAsync();

        var invited = await Team.InviteAsync(merchantId, new InviteColleague("not-an-email", " "), owner);

        Assert.Equal(["EMAIL_INVALID", "DISPLAY_NAME_REQUIRED"], invited.Error!.Flatten().Select(e => e.Code));
        Assert.Single((await Team.ListAsync(merchantId, owner)).Value.Items);
    }

    [Fact]
    public async Task A_merchant_user_who_is_not_team_admin_cannot_manage_the_team()
    {
        var (merchantId, owner) = await TeamWithAdminAsync();
        var clerk = await ColleagueAsync(merchantId, "clerk@acme.test", teamAdmin: false);

        Assert.Equal(UserErrors.TeamNotAllowed, (await Team.InviteAsync(merchantId, new InviteColleague("x@acme.test", "X"), clerk)).Error);
        Assert.Equal(UserErrors.TeamNotAllowed, (await Team.RemoveAsync(merchantId, owner.Id, clerk)).Error);
        Assert.Equal(UserErrors.TeamNotAllowed, (await Team.ListAsync(merchantId, clerk)).Error);
    }

    [Fact]
    public async Task A_team_admin_cannot_touch_another_merchants_team_or_users()
    {
        var (merchantId, owner) = await TeamWithAdminAsync();
        var (otherMerchantId, otherOwner) = await TeamWithAdminAsync("other@globex.test");

        Assert.Equal(UserErrors.TeamNotAllowed, (await Team.ListAsync(otherMerchantId, owner)).Error);
        Assert.Equal(UserErrors.TeamNotAllowed, (await Team.InviteAsync(otherMerchantId, new InviteColleague("x@globex.test", "X"), owner)).Error);
        // Someone of another merchant is not part of this team: not found, nothing changes.
        Assert.Equal(UserErrors.NotFound, (await Team.RemoveAsync(merchantId, otherOwner.Id, owner)).Error);
        Assert.False((await Host.Get<UserAdminService>().FindAsync(otherOwner.Id))!.IsLockedOut);
    }

    [Fact]
    public async Task Removing_a_colleague_ends_their_access_and_restoring_gives_it_back()
    {
        var (merchantId, owner) = await TeamWithAdminAsync();
        var clerk = await ColleagueAsync(merchantId, "clerk@acme.test", teamAdmin: false);

        var removed = await Team.RemoveAsync(merchantId, clerk.Id, owner);
        Assert.True(removed.Value.IsLockedOut);

        var restored = await Team.RestoreAsync(merchantId, clerk.Id, owner);
        Assert.False(restored.Value.IsLockedOut);
        var actions = (await AuditAsync()).Where(e => e.TargetId == clerk.Id).Select(e => e.Action).ToList();
        Assert.Contains(AuditActions.UserLocked, actions);
        Assert.Contains(AuditActions.UserUnlocked, actions);
    }

    [Fact]
    public async Task A_team_admin_cannot_remove_themselves_or_drop_their_own_team_admin()
    {
        var (merchantId, owner) = await TeamWithAdminAsync();

        Assert.Equal(UserErrors.CannotLockSelf, (await Team.RemoveAsync(merchantId, owner.Id, owner)).Error);
        Assert.Equal(UserErrors.CannotChangeOwnRole, (await Team.SetTeamAdminAsync(merchantId, owner.Id, false, owner)).Error);
    }

    [Fact]
    public async Task A_removed_team_admin_loses_the_team_at_once()
    {
        var (merchantId, owner) = await TeamWithAdminAsync();
        var second = await ColleagueAsync(merchantId, "second@acme.test", teamAdmin: true);

        await Team.RemoveAsync(merchantId, second.Id, owner);

        Assert.False(await Team.MayManageAsync(merchantId, second));
    }

    [Fact]
    public async Task Making_a_colleague_team_admin_is_audited_with_before_and_after()
    {
        var (merchantId, owner) = await TeamWithAdminAsync();
        var clerk = await ColleagueAsync(merchantId, "clerk@acme.test", teamAdmin: false);

        var promoted = await Team.SetTeamAdminAsync(merchantId, clerk.Id, true, owner);

        Assert.True(promoted.Value.IsTeamAdmin);
        Assert.True(await Team.MayManageAsync(merchantId, clerk));
        var change = (await AuditAsync()).Single(e => e.Action == AuditActions.UserRoleChanged).Changes.Single();
        Assert.Equal("access", change.Field);
        Assert.DoesNotContain("team admin", change.Before, StringComparison.Ordinal);
        Assert.EndsWith("(team admin)", change.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_manage_every_merchants_team_and_support_none()
    {
        var (merchantId, _) = await TeamWithAdminAsync();

        Assert.True((await Team.InviteAsync(merchantId, new InviteColleague("new@acme.test", "New", IsTeamAdmin: true), TestActors.Admin)).Succeeded);
        Assert.Equal(UserErrors.TeamNotAllowed, (await Team.ListAsync(merchantId, TestActors.Support)).Error);
    }

    private async Task<(Guid MerchantId, Actor Owner)> TeamWithAdminAsync(string email = "owner@acme.test")
    {
        var merchant = await Host.Catalog.MerchantAsync();
        return (merchant.Id, await ColleagueAsync(merchant.Id, email, teamAdmin: true));
    }

    private async Task<Actor> ColleagueAsync(Guid merchantId, string email, bool teamAdmin)
    {
        var created = await Host.Get<UserAdminService>().CreateAsync(
            new CreateUser(email, email.Split('@')[0], Roles.Merchant, merchantId, Password, teamAdmin), TestActors.Admin);
        Assert.True(created.Succeeded, created.Error?.Message);
        return Actor.User(created.Value.Id, email, merchantId, Roles.Merchant);
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(e => e.Action.StartsWith("user.")).OrderBy(e => e.Id).ToListAsync();
    }
}
