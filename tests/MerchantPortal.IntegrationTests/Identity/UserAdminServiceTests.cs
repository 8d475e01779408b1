using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Identity;

public sealed class UserAdminServiceTests : IAsyncLifetime
{
    private const string StrongPassword = "Correct-Horse-42!";
    private static readonly Actor Admin = Actor.User("admin-id", "admin@test", null, Roles.Admin);

    private CoreTestHost _host = default!;
    private UserAdminService _users = default!;
    private Guid _merchantId;

    public async Task InitializeAsync()
    {
        _host = await CoreTestHost.StartAsync();
        _users = _host.Get<UserAdminService>();
        _merchantId = (await _host.Get<MerchantService>().CreateAsync(new CreateMerchant("Acme", "USD"), Actor.System)).Value.Id;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Creating_a_merchant_user_assigns_role_and_merchant_and_audits_it()
    {
        var result = await _users.CreateAsync(new CreateUser("nora@acme.test", "Nora", Roles.Merchant, _merchantId, StrongPassword), Admin);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(Roles.Merchant, result.Value.Role);
        Assert.Equal("Acme", result.Value.MerchantName);
        var audit = await AuditAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.UserCreated && e.TargetId == result.Value.Id && e.ActorId == Admin.Id);
    }

    [Theory]
    [InlineData("", "Nora", Roles.Merchant, true, "EMAIL_REQUIRED", "email")]
    [InlineData("not-an-email", "Nora", Roles.Merchant, true, "EMAIL_INVALID", "email")]
    [InlineData("nora@acme.test", " ", Roles.Merchant, true, "DISPLAY_NAME_REQUIRED", "displayName")]
    [InlineData("nora@acme.test", "Nora", "Owner", false, "ROLE_INVALID", "role")]
    [InlineData("nora@acme.test", "Nora", Roles.Merchant, false, "MERCHANT_REQUIRED", "merchantId")]
    [InlineData("nora@acme.test", "Nora", Roles.Support, true, "MERCHANT_NOT_ALLOWED", "merchantId")]
    public async Task Invalid_new_users_are_rejected_with_a_field_error_and_nothing_is_created(
        string email, string name, string role, bool withMerchant, string code, string field)
    {
        var result = await _users.CreateAsync(new CreateUser(email, name, role, withMerchant ? _merchantId : null, StrongPassword), Admin);

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(field, result.Error.Field);
        Assert.Equal(0, (await _users.SearchAsync(new UserQuery())).TotalCount);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task An_empty_password_is_required_together_with_every_other_missing_detail()
    {
        var result = await _users.CreateAsync(new CreateUser("", "", Roles.Merchant, null, Password: ""), Admin);

        Assert.Equal(["EMAIL_REQUIRED", "DISPLAY_NAME_REQUIRED", "MERCHANT_REQUIRED", "PASSWORD_REQUIRED"], result.Error!.Flatten().Select(e => e.Code));
        Assert.Equal(0, (await _users.SearchAsync(new UserQuery())).TotalCount);
    }

    [Fact]
    public async Task A_weak_password_is_rejected_and_no_user_is_left_behind()
    {
        var result = await _users.CreateAsync(new CreateUser("weak@acme.test", "Weak", Roles.Support, null, "password"), Admin);

        Assert.Equal("PASSWORD_REJECTED", result.Error!.Code);
        Assert.Equal("password", result.Error.Field);
        Assert.Equal(0, (await _users.SearchAsync(new UserQuery())).TotalCount);
    }

    [Fact]
    public async Task An_email_can_be_used_by_one_user_only()
    {
        await _users.CreateAsync(new CreateUser("sam@acme.test", "Sam", Roles.Support, null, StrongPassword), Admin);

        var again = await _users.CreateAsync(new CreateUser("SAM@acme.test", "Sam again", Roles.Support, null, StrongPassword), Admin);

        Assert.Equal("EMAIL_TAKEN", again.Error!.Code);
    }

    [Fact]
    public async Task Changing_a_role_renews_the_security_stamp_and_is_audited()
    {
        var user = (await _users.CreateAsync(new CreateUser("ada@acme.test", "Ada", Roles.Support, null, StrongPassword), Admin)).Value;
        var stampBefore = await StampAsync(user.Id);

        var updated = await _users.UpdateAsync(user.Id, new UpdateUser("Ada L.", Roles.Admin, null), Admin);

        Assert.True(updated.Succeeded, updated.Error?.Message);
        Assert.Equal(Roles.Admin, updated.Value.Role);
        Assert.Equal("Ada L.", updated.Value.DisplayName);
        Assert.NotEqual(stampBefore, await StampAsync(user.Id));
        Assert.Contains(await AuditAsync(), e => e.Action == AuditActions.UserRoleChanged && e.Details.Contains("from Support to Admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_cannot_change_their_own_role_or_lock_themselves()
    {
        var me = (await _users.CreateAsync(new CreateUser("me@acme.test", "Me", Roles.Admin, null, StrongPassword), Admin)).Value;
        var self = Actor.User(me.Id, me.Email, null, Roles.Admin);

        Assert.Equal("CANNOT_CHANGE_OWN_ROLE", (await _users.UpdateAsync(me.Id, new UpdateUser("Me", Roles.Support, null), self)).Error!.Code);
        Assert.Equal("CANNOT_LOCK_SELF", (await _users.LockAsync(me.Id, self)).Error!.Code);
        Assert.Equal(Roles.Admin, (await _users.FindAsync(me.Id))!.Role);
    }

    [Fact]
    public async Task Locking_ends_sessions_and_unlocking_restores_access()
    {
        var user = (await _users.CreateAsync(new CreateUser("lee@acme.test", "Lee", Roles.Merchant, _merchantId, StrongPassword), Admin)).Value;
        var stampBefore = await StampAsync(user.Id);

        var locked = await _users.LockAsync(user.Id, Admin);

        Assert.True(locked.Value.IsLockedOut);
        Assert.NotEqual(stampBefore, await StampAsync(user.Id));

        var unlocked = await _users.UnlockAsync(user.Id, Admin);

        Assert.False(unlocked.Value.IsLockedOut);
        var actions = (await AuditAsync()).Select(e => e.Action).ToList();
        Assert.Contains(AuditActions.UserLocked, actions);
        Assert.Contains(AuditActions.UserUnlocked, actions);
    }

    [Fact]
    public async Task Search_filters_by_text_and_role_and_pages()
    {
        for (var i = 0; i < 3; i++)
        {
            await _users.CreateAsync(new CreateUser($"support{i}@acme.test", $"Support {i}", Roles.Support, null, StrongPassword), Admin);
        }

        await _users.CreateAsync(new CreateUser("boss@acme.test", "The Boss", Roles.Admin, null, StrongPassword), Admin);

        Assert.Equal(3, (await _users.SearchAsync(new UserQuery(Role: Roles.Support))).TotalCount);
        Assert.Equal("boss@acme.test", (await _users.SearchAsync(new UserQuery(Search: "BOSS"))).Items.Single().Email);
        var secondPage = await _users.SearchAsync(new UserQuery(Page: 1, PageSize: 3));
        Assert.Equal(4, secondPage.TotalCount);
        Assert.Single(secondPage.Items);
        Assert.Empty((await _users.SearchAsync(new UserQuery(Search: "100%_"))).Items);
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = await _host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(e => e.Action.StartsWith("user.")).ToListAsync();
    }

    private async Task<string?> StampAsync(string userId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await manager.GetSecurityStampAsync((await manager.FindByIdAsync(userId))!);
    }
}
