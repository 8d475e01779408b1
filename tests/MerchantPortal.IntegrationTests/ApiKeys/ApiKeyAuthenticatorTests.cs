using System.Net;
using MerchantPortal.ApiKeys;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.ApiKeys;

public sealed class ApiKeyAuthenticatorTests : ApiKeyTest
{
    private const string Path = "/api/v1/orders";

    private ApiKeyAuthenticator Authenticator => Host.Get<ApiKeyAuthenticator>();

    [Fact]
    public async Task A_valid_key_becomes_its_merchants_actor_with_its_scopes()
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id, [Scopes.OrdersRead]);

        var actor = (await Authenticator.AuthenticateAsync(key.Secret, IPAddress.Loopback, Path)).Value;

        Assert.Equal(ActorKind.ApiKey, actor.Kind);
        Assert.Equal(key.Key.Id.ToString(), actor.Id);
        Assert.Equal(merchant.Id, actor.MerchantId);
        Assert.Equal([Scopes.OrdersRead], actor.Scopes!);
    }

    [Fact]
    public async Task Missing_malformed_mistyped_and_unknown_keys_are_refused_without_an_audit_row()
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id);
        var typo = key.Secret[..20] + (key.Secret[20] == 'a' ? 'b' : 'a') + key.Secret[21..];
        var unknown = ApiKeySecret.Generate(ApiKeyMode.Test);

        Assert.Equal(ApiKeyErrors.Missing, (await Authenticator.AuthenticateAsync(null, null, Path)).Error);
        Assert.Equal(ApiKeyErrors.Malformed, (await Authenticator.AuthenticateAsync("Basic dXNlcjpwYXNz", null, Path)).Error);
        Assert.Equal(ApiKeyErrors.Malformed, (await Authenticator.AuthenticateAsync(key.Secret[..^1], null, Path)).Error);
        Assert.Equal(ApiKeyErrors.BadChecksum, (await Authenticator.AuthenticateAsync(typo, null, Path)).Error);
        Assert.Equal(ApiKeyErrors.Unknown, (await Authenticator.AuthenticateAsync(unknown, null, Path)).Error);
        Assert.All([ApiKeyErrors.Missing, ApiKeyErrors.Malformed, ApiKeyErrors.BadChecksum, ApiKeyErrors.Unknown],
            e => Assert.Equal(Common.ErrorKind.Unauthorized, e.Kind));
        Assert.Empty(await AuditAsync(AuditActions.ApiKeyRefused));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_the_next_call_on()
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id);
        Assert.True((await Authenticator.AuthenticateAsync(key.Secret, null, Path)).Succeeded);

        await Keys.RevokeAsync(key.Key.Id, TestActors.Admin);

        Assert.Equal(ApiKeyErrors.Revoked, (await Authenticator.AuthenticateAsync(key.Secret, null, Path)).Error);
        var refused = Assert.Single(await AuditAsync(AuditActions.ApiKeyRefused));
        Assert.Equal(key.Key.Id.ToString(), refused.TargetId);
        Assert.Equal(merchant.Id, refused.MerchantId);
        Assert.Contains(Path, refused.Details, StringComparison.Ordinal);
        Assert.Contains("revoked", refused.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id, expiresAt: Now.AddDays(1));

        Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(ApiKeyErrors.Expired, (await Authenticator.AuthenticateAsync(key.Secret, null, Path)).Error);
        Assert.Contains("expired", Assert.Single(await AuditAsync(AuditActions.ApiKeyRefused)).Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("203.0.113.0/24", "203.0.113.200", true)]
    [InlineData("203.0.113.0/24", "203.0.114.1", false)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.9", true)]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    public async Task The_allow_list_takes_addresses_and_ranges_and_reads_IPv4_mapped_IPv6_as_IPv4(string allowed, string caller, bool accepted)
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id, allowedIps: [allowed]);

        var result = await Authenticator.AuthenticateAsync(key.Secret, IPAddress.Parse(caller), Path);

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Equal(ApiKeyErrors.AddressNotAllowed, result.Error);
        }
    }

    [Fact]
    public async Task A_key_with_an_allow_list_is_refused_when_the_callers_address_is_unknown()
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id, allowedIps: ["10.0.0.0/8"]);

        Assert.Equal(ApiKeyErrors.AddressNotAllowed, (await Authenticator.AuthenticateAsync(key.Secret, null, Path)).Error);
    }

    [Fact]
    public async Task A_flood_of_refused_calls_writes_one_audit_row_per_key_and_reason_a_minute()
    {
        var merchant = await MerchantAsync();
        var revoked = await CreateKeyAsync(merchant.Id);
        var fenced = await CreateKeyAsync(merchant.Id, allowedIps: ["10.0.0.1"]);
        await Keys.RevokeAsync(revoked.Key.Id, TestActors.Admin);

        for (var i = 0; i < 50; i++)
        {
            await Authenticator.AuthenticateAsync(revoked.Secret, null, Path);
            await Authenticator.AuthenticateAsync(fenced.Secret, IPAddress.Parse("10.0.0.2"), Path);
        }

        Assert.Equal(2, (await AuditAsync(AuditActions.ApiKeyRefused)).Count);

        Clock.Advance(TimeSpan.FromSeconds(59));
        await Authenticator.AuthenticateAsync(revoked.Secret, null, Path);
        Assert.Equal(2, (await AuditAsync(AuditActions.ApiKeyRefused)).Count);

        Clock.Advance(TimeSpan.FromSeconds(1));
        await Authenticator.AuthenticateAsync(revoked.Secret, null, Path);
        Assert.Equal(3, (await AuditAsync(AuditActions.ApiKeyRefused)).Count);
    }

    [Fact]
    public async Task A_missing_scope_is_audited_with_the_same_throttle()
    {
        var merchant = await MerchantAsync();
        var key = await CreateKeyAsync(merchant.Id, [Scopes.CatalogRead]);
        var actor = (await Authenticator.AuthenticateAsync(key.Secret, null, Path)).Value;
        var refusals = Host.Get<ApiKeyRefusals>();

        Assert.True(await refusals.RecordAsync(actor, "the key lacks the scope orders:write", Path));
        Assert.False(await refusals.RecordAsync(actor, "the key lacks the scope orders:write", Path));
        Assert.True(await refusals.RecordAsync(actor, "the key lacks the scope refunds:write", "/api/v1/orders/1/refunds"));

        var rows = await AuditAsync(AuditActions.ApiKeyRefused);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(ActorKind.ApiKey, r.ActorKind));
    }
}
