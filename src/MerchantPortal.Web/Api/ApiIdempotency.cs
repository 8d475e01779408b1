using System.Text.Json;
using MerchantPortal.Auditing;
using MerchantPortal.Idempotency;

namespace MerchantPortal.Web.Api;

/// <summary>
/// <c>Idempotency-Key</c> for POSTs whose Core operation has no key of its own (cancel, and later webhook
/// endpoints), over <see cref="IdempotencyStore"/>: the first request with a key runs; the same key and body
/// again is a replay that shows the resource's current state with the original status and
/// <c>Idempotent-Replayed: true</c>; another body is <c>409 IDEMPOTENCY_KEY_CONFLICT</c>; a duplicate sent while
/// the first still runs is <c>409 IDEMPOTENCY_IN_PROGRESS</c>. A refused (4xx) or crashed request is forgotten,
/// so a corrected retry with the same key runs.
/// </summary>
public sealed class ApiIdempotency(IdempotencyStore store)
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The request's key, or null when none (or only spaces) was sent.</summary>
    public static string? KeyOf(HttpContext context) =>
        context.Request.Headers[KeyHeader].ToString().Trim() is { Length: > 0 } key ? key : null;

    /// <summary>Marks the answer as a replay; every replay sets this header (middleware may count it).</summary>
    public static void MarkReplayed(HttpContext context) => context.Response.Headers[ReplayedHeader] = "true";

    /// <summary>Runs <paramref name="run"/> at most once per key and body; a replay answers with <paramref name="replay"/>.</summary>
    public async Task<IResult> RunAsync(
        HttpContext context, Actor actor, object? body, Func<Task<IdempotentOutcome>> run, Func<IdempotencyRecord, Task<IResult>> replay)
    {
        if (KeyOf(context) is not { } key)
        {
            return (await run()).Result;
        }

        var merchantId = actor.MerchantId ?? throw new InvalidOperationException("Idempotency keys belong to a merchant's API key.");
        var operation = $"{context.Request.Method} {context.Request.Path}";
        var fingerprint = IdempotencyStore.Fingerprint(operation, JsonSerializer.Serialize(body, ApiJson.Options(context.RequestServices)));
        var begun = await store.BeginAsync(merchantId, key, fingerprint, context.RequestAborted);
        if (!begun.Succeeded)
        {
            return ApiResults.Problem(begun.Error!);
        }

        if (begun.Value is { } earlier)
        {
            MarkReplayed(context);
            return await replay(earlier);
        }

        IdempotentOutcome outcome;
        try
        {
            outcome = await run();
        }
        catch
        {
            await store.ReleaseAsync(merchantId, key, CancellationToken.None);
            throw;
        }

        if (outcome is { ResourceType: { } type, ResourceId: { } id })
        {
            await store.CompleteAsync(merchantId, key, outcome.StatusCode, type, id, CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(merchantId, key, CancellationToken.None);
        }

        return outcome.Result;
    }
}

/// <summary>What a keyed request did: its answer, and on success the resource a replay shows again.</summary>
public sealed record IdempotentOutcome(IResult Result, int StatusCode, string? ResourceType = null, string? ResourceId = null)
{
    public static IdempotentOutcome Refused(ApiProblemResult problem) => new(problem, problem.StatusCode);
}
