using MerchantPortal.Auditing;
using MerchantPortal.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Webhooks;

public sealed class RotationTests : WebhookTest
{
    [Fact]
    public async Task During_the_overlap_deliveries_carry_both_signatures_and_each_is_valid()
    {
        var endpoint = await EndpointAsync();

        var rotated = await Endpoints.RotateSecretAsync(endpoint.Endpoint.Id, TimeSpan.FromHours(1), MerchantUser);
        await PublishAsync();
        await Host.DrainJobsAsync();

        Assert.True(rotated.Succeeded);
        Assert.NotEqual(endpoint.Secret, rotated.Value.Secret);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddHours(1), rotated.Value.Endpoint.PreviousSecretExpiresAt);
        var request = Assert.Single(Receiver.Requests);
        Assert.Equal(2, request.Signatures.Count);
        Assert.True(SpecSignature.IsSignedWith(request, endpoint.Secret));
        Assert.True(SpecSignature.IsSignedWith(request, rotated.Value.Secret));
        Assert.Single(await AuditAsync(AuditActions.WebhookSecretRotated));
    }

    [Fact]
    public async Task After_the_overlap_only_the_new_secret_signs()
    {
        var endpoint = await EndpointAsync();
        var rotated = (await Endpoints.RotateSecretAsync(endpoint.Endpoint.Id, null, MerchantUser)).Value;

        Clock.Advance(WebhookEndpointService.DefaultRotationOverlap + TimeSpan.FromSeconds(1));
        await PublishAsync();
        await Host.DrainJobsAsync();

        var request = Assert.Single(Receiver.Requests);
        Assert.Equal([SpecSignature.Compute(rotated.Secret, request.Id, request.Timestamp, request.Body)], request.Signatures);
    }

    [Fact]
    public async Task A_secret_looks_like_a_standard_webhooks_secret_and_is_not_stored_in_plain_text()
    {
        var endpoint = await EndpointAsync();

        await using var db = await OpenDbAsync();
        var stored = await db.WebhookEndpoints.SingleAsync();
        Assert.StartsWith("whsec_", endpoint.Secret, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(endpoint.Secret["whsec_".Length..]).Length >= 24);
        Assert.DoesNotContain(endpoint.Secret["whsec_".Length..], stored.ProtectedSecret, StringComparison.Ordinal);
    }
}
