using MerchantPortal.StripeSandbox.Http;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary>
/// Stripe's cursor pagination over a newest-first list: <c>limit</c> (1–100, default 10) and one of
/// <c>starting_after</c> (older than that object) or <c>ending_before</c> (newer than it).
/// </summary>
internal sealed record Pagination(int Limit, string? StartingAfter, string? EndingBefore)
{
    public static readonly string[] Params = ["limit", "starting_after", "ending_before"];

    public static Pagination From(ApiParams parameters)
    {
        var limit = parameters.Int("limit") ?? 10;
        if (limit < 1)
        {
            throw ApiErrors.InvalidValue("limit", "This value must be greater than or equal to 1.");
        }

        if (limit > 100)
        {
            throw ApiErrors.InvalidValue("limit", "This value must be less than or equal to 100.");
        }

        var startingAfter = parameters.Text("starting_after");
        var endingBefore = parameters.Text("ending_before");
        if (startingAfter is not null && endingBefore is not null)
        {
            throw ApiErrors.InvalidRequest("You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
        }

        return new Pagination(limit, startingAfter, endingBefore);
    }

    /// <summary>
    /// The page of <paramref name="newestFirst"/> (all matching objects, newest first) and whether more
    /// follow; <paramref name="objectName"/> names the object in "No such …" errors for an unknown cursor.
    /// </summary>
    public (IReadOnlyList<T> Page, bool HasMore) Apply<T>(IReadOnlyList<T> newestFirst, Func<T, string> idOf, string objectName)
    {
        if (StartingAfter is not null)
        {
            var start = IndexOf(newestFirst, idOf, StartingAfter, "starting_after", objectName) + 1;
            var page = newestFirst.Skip(start).Take(Limit).ToList();
            return (page, newestFirst.Count - start > Limit);
        }

        if (EndingBefore is not null)
        {
            var end = IndexOf(newestFirst, idOf, EndingBefore, "ending_before", objectName);
            var first = Math.Max(0, end - Limit);
            return (newestFirst.Skip(first).Take(end - first).ToList(), first > 0);
        }

        return (newestFirst.Take(Limit).ToList(), newestFirst.Count > Limit);
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, string> idOf, string id, string param, string objectName)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (idOf(items[i]) == id)
            {
                return i;
            }
        }

        throw ApiErrors.NoSuch(objectName, id, param);
    }
}
