using MerchantPortal.ApiKeys;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.ApiKeys;

public sealed class ApiKeyServiceTests : ApiKeyTest
{
    [Fact]
    public async Task A_created_key_is_stored_as_a_hash_and_listed_with_its_prefix_and_scopes()
    {
        var merchant = await MerchantAsync();

        var created = await CreateKeyAsync(merchant.Id, [Scopes.CatalogRead], ["203.0.113.0/24"], Now.AddDays(30));

        Assert.StartsWith(ApiKeySecret.TestPrefix, created.Secret, StringComparison.Ordinal);
        var stored = await ReadAsync(db => db.ApiKeys.AsNoTracking().SingleAsync());
        Assert.Equal(ApiKeySecret.Hash(created.Secret), stored.SecretHash);
        Assert.Equal(created.Secret[..14], stored.Prefix);
        var listed = Assert.Single((await Keys.ListAsync(merchant.Id, TestActors.Admin)).Value);
        Assert.Equal(created.Key.Id, listed.Id);
        Assert.Equal([Scopes.CatalogRead], listed.Scopes);
        Assert.Equal(["203.0.113.0/24"], listed.AllowedIps);
        Assert.Equal(TestActors.Admin.Name, listed.CreatedBy);
        Assert.Equal(ApiKeyStatus.Active, listed.Status);
        Assert.Equal(ApiKeyRecentUsage.HourCount, listed.Usage.Hours.Count);
        Assert.Single(await AuditAsync(AuditActions.ApiKeyCreated));
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var merchant = await MerchantAsync();

        var created = await Keys.CreateAsync(new CreateApiKey(merchant.Id, " ", ["orders:read", "orders:delete"], Now.AddDays(-1),
            ["10.0.0.1", "not-an-ip", "10.0.0.0/33"]), TestActors.Admin);

        Assert.Equal("VALIDATION_FAILED", created.Error!.Code);
        Assert.Equal(ErrorKind.Validation, created.Error.Kind);
        Assert.Equal(
            ["API_KEY_NAME_REQUIRED", "API_KEY_SCOPE_UNKNOWN", "API_KEY_EXPIRY_IN_PAST", "API_KEY_ALLOWED_IP_INVALID", "API_KEY_ALLOWED_IP_INVALID"],
            created.Error.Errors.Select(e => e.Code));
        Assert.Equal(0, await ReadAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task A_revoked_key_shows_as_revoked_and_cannot_be_revoked_again()
    {
        var merchant = await MerchantAsync();
        var created = await CreateKeyAsync(merchant.Id);

        var revoked = await Keys.RevokeAsync(created.Key.Id, TestActors.Admin);

        Assert.Equal(ApiKeyStatus.Revoked, revoked.Value.Status);
        Assert.Equal(TestActors.Admin.Name, revoked.Value.RevokedBy);
        Assert.Equal("API_KEY_REVOKED", (await Keys.RevokeAsync(created.Key.Id, TestActors.Admin)).Error!.Code);
        Assert.Single(await AuditAsync(AuditActions.ApiKeyRevoked));
        Assert.Equal("API_KEY_NOT_ACTIVE", (await Keys.RollAsync(created.Key.Id, TimeSpan.Zero, TestActors.Admin)).Error!.Code);
    }

    [Fact]
    public async Task Rolling_gives_a_new_key_with_the_same_settings_and_the_old_one_works_for_the_overlap()
    {
        var merchant = await MerchantAsync();
        var old = await CreateKeyAsync(merchant.Id, [Scopes.OrdersRead, Scopes.BalanceRead], ["198.51.100.7"]);
        var authenticator = Host.Get<ApiKeyAuthenticator>();
        var address = System.Net.IPAddress.Parse("198.51.100.7");

        var rolled = await Keys.RollAsync(old.Key.Id, TimeSpan.FromHours(1), TestActors.Admin);

        Assert.True(rolled.Succeeded, rolled.Error?.Message);
        Assert.NotEqual(old.Secret, rolled.Value.Secret);
        Assert.Equal(old.Key.Id, rolled.Value.Key.ReplacesKeyId);
        Assert.Equal(old.Key.Scopes, rolled.Value.Key.Scopes);
        Assert.Equal(old.Key.AllowedIps, rolled.Value.Key.AllowedIps);
        Assert.Equal(old.Key.Name, rolled.Value.Key.Name);
        Assert.Equal(merchant.Id, rolled.Value.Key.MerchantId);
        var listed = (await Keys.ListAsync(merchant.Id, TestActors.Admin)).Value;
        Assert.Equal(ApiKeyStatus.Expiring, listed.Single(k => k.Id == old.Key.Id).Status);
        Assert.Equal(Now.AddHours(1), listed.Single(k => k.Id == old.Key.Id).ExpiresAt);
        Assert.Equal(rolled.Value.Key.Id, listed.Single(k => k.Id == old.Key.Id).ReplacedByKeyId);
        Assert.Equal(ApiKeyStatus.Active, listed.Single(k => k.Id == rolled.Value.Key.Id).Status);
        Assert.True((await authenticator.AuthenticateAsync(old.Secret, address, "/api/v1/orders")).Succeeded);
        Assert.True((await authenticator.AuthenticateAsync(rolled.Value.Secret, address, "/api/v1/orders")).Succeeded);

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(ApiKeyErrors.Expired, (await authenticator.AuthenticateAsync(old.Secret, address, "/api/v1/orders")).Error);
        Assert.True((await authenticator.AuthenticateAsync(rolled.Value.Secret, address, "/api/v1/orders")).Succeeded);
        Assert.Equal(ApiKeyStatus.Expired, (await Keys.GetAsync(old.Key.Id, TestActors.Admin)).Value.Status);
        Assert.Single(await AuditAsync(AuditActions.ApiKeyRolled));
    }

    [Fact]
    public async Task Rolling_with_no_overlap_stops_the_old_key_at_once()
    {
        var merchant = await MerchantAsync();
        var old = await CreateKeyAsync(merchant.Id);

        var rolled = await Keys.RollAsync(old.Key.Id, TimeSpan.Zero, TestActors.Admin);

        Assert.True(rolled.Succeeded, rolled.Error?.Message);
        Assert.Equal(ApiKeyErrors.Expired, (await Host.Get<ApiKeyAuthenticator>().AuthenticateAsync(old.Secret, null, "/api/v1/items")).Error);
        Assert.Equal("API_KEY_OVERLAP_INVALID", (await Keys.RollAsync(rolled.Value.Key.Id, TimeSpan.FromDays(8), TestActors.Admin)).Error!.Code);
    }

    [Fact]
    public async Task Admins_and_the_system_manage_any_merchants_keys()
    {
        var merchant = await MerchantAsync();

        var byAdmin = await CreateKeyAsync(merchant.Id, actor: TestActors.Admin);
        var bySystem = await CreateKeyAsync(merchant.Id, actor: Actor.System);

        Assert.True((await Keys.RollAsync(byAdmin.Key.Id, TimeSpan.Zero, Actor.System)).Succeeded);
        Assert.True((await Keys.RevokeAsync(bySystem.Key.Id, TestActors.Admin)).Succeeded);
    }

    [Fact]
    public async Task Support_reads_the_keys_but_cannot_change_them()
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id);

        Assert.Single((await Keys.ListAsync(merchant.Id, TestActors.Support)).Value);
        Assert.True((await Keys.GetAsync(key.Key.Id, TestActors.Support)).Succeeded);
        AssertForbidden((await Keys.CreateAsync(new CreateApiKey(merchant.Id, "x", [Scopes.OrdersRead]), TestActors.Support)).Error);
        AssertForbidden((await Keys.RevokeAsync(key.Key.Id, TestActors.Support)).Error);
        AssertForbidden((await Keys.RollAsync(key.Key.Id, TimeSpan.Zero, TestActors.Support)).Error);
    }

    [Fact]
    public async Task Merchant_users_manage_their_own_keys_only_when_the_merchant_allows_it()
    {
        var merchant = await MerchantAsync();
        var user = TestActors.MerchantUser(merchant.Id);
        var key = await CreateKeyAsync(merchant.Id);

        AssertForbidden((await Keys.ListAsync(merchant.Id, user)).Error);
        AssertForbidden((await Keys.CreateAsync(new CreateApiKey(merchant.Id, "Mine", [Scopes.OrdersRead]), user)).Error);
        AssertForbidden((await Keys.RevokeAsync(key.Key.Id, user)).Error);

        Assert.True((await Host.Get<Merchants.MerchantService>().SetApiKeyManagementAsync(merchant.Id, true, TestActors.Admin)).Succeeded);

        Assert.Single((await Keys.ListAsync(merchant.Id, user)).Value);
        var mine = await CreateKeyAsync(merchant.Id, actor: user);
        Assert.True((await Keys.RollAsync(mine.Key.Id, TimeSpan.FromHours(24), user)).Succeeded);
        Assert.True((await Keys.RevokeAsync(key.Key.Id, user)).Succeeded);
    }

    [Fact]
    public async Task Another_merchants_keys_read_as_not_found()
    {
        var own = await MerchantAsync(merchantUsersManageApiKeys: true);
        var other = await MerchantAsync(merchantUsersManageApiKeys: true);
        var foreignKey = await CreateKeyAsync(other.Id);
        var user = TestActors.MerchantUser(own.Id);

        Assert.Equal(ErrorKind.NotFound, (await Keys.ListAsync(other.Id, user)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Keys.CreateAsync(new CreateApiKey(other.Id, "x", [Scopes.OrdersRead]), user)).Error!.Kind);
        Assert.Equal(ApiKeyErrors.NotFound, (await Keys.GetAsync(foreignKey.Key.Id, user)).Error);
        Assert.Equal(ApiKeyErrors.NotFound, (await Keys.RevokeAsync(foreignKey.Key.Id, user)).Error);
        Assert.Equal(ApiKeyErrors.NotFound, (await Keys.RollAsync(foreignKey.Key.Id, TimeSpan.Zero, user)).Error);
        Assert.Equal(ApiKeyStatus.Active, (await Keys.GetAsync(foreignKey.Key.Id, TestActors.Admin)).Value.Status);
    }

    [Fact]
    public async Task Only_admins_let_merchant_users_manage_keys_and_the_change_is_audited()
    {
        var merchant = await MerchantAsync();
        var merchants = Host.Get<Merchants.MerchantService>();

        Assert.False(merchant.MerchantUsersManageApiKeys);
        Assert.False((await merchants.SetApiKeyManagementAsync(merchant.Id, true, TestActors.MerchantUser(merchant.Id))).Succeeded);
        Assert.False((await merchants.SetApiKeyManagementAsync(merchant.Id, true, TestActors.Support)).Succeeded);
        var set = await merchants.SetApiKeyManagementAsync(merchant.Id, true, TestActors.Admin);

        Assert.True(set.Value.MerchantUsersManageApiKeys);
        Assert.True((await merchants.FindAsync(merchant.Id))!.MerchantUsersManageApiKeys);
        Assert.Contains(await AuditAsync(AuditActions.MerchantUpdated), a => a.Details.Contains("API keys", StringComparison.Ordinal));
    }

    private static void AssertForbidden(Error? error) => Assert.Equal(ApiKeyErrors.NotAllowed, error);
}
