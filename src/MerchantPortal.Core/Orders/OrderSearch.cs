using System.Globalization;
using System.Text;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// How the orders grid's search box reads customer names and emails. An order number, merchant order id,
/// external reference or whole email is matched exactly, as before; besides, text of at least
/// <see cref="MinTextLength"/> characters finds customers by part of their name or email, each database
/// from its own index:
/// <list type="bullet">
/// <item>SQLite: an FTS5 trigram index (<c>CustomerSearch</c>, kept in step with Customers by triggers) finds
/// the text anywhere in the name or email, case-insensitively; several words of at least three characters
/// each must all occur, in any order.</item>
/// <item>SQL Server: persisted lower-cased columns with indexes find names and emails that start with the text
/// — the whole name, its last word, the email or the email's domain.</item>
/// </list>
/// </summary>
public static class OrderSearch
{
    /// <summary>A trigram index cannot look up fewer than three characters; shorter text matches only exactly.</summary>
    public const int MinTextLength = 3;

    /// <summary>The most words one search looks for; more words narrow the result no further in practice.</summary>
    private const int MaxWords = 6;

    /// <summary>Whether <paramref name="search"/> is long enough to look for customers by part of a name or email.</summary>
    public static bool SearchesCustomerText(string? search) => Normalise(search).Length >= MinTextLength;

    /// <summary>
    /// The FTS5 query for the text: each word of at least three characters as its own quoted phrase (all must
    /// occur), or — when a word is shorter — the whole text as one phrase, which still matches as a substring.
    /// Quoting makes every character literal, so the text cannot be read as FTS5 syntax.
    /// </summary>
    public static string TrigramMatch(string search)
    {
        var text = Normalise(search);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var phrases = words.Length <= MaxWords && words.All(w => w.Length >= MinTextLength) ? words : [text];
        return string.Join(' ', phrases.Select(p => "\"" + p.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    /// <summary>The pattern for SQL Server's prefix search: lower-cased, LIKE's wildcards escaped with <c>\</c>, then <c>%</c>.</summary>
    public static string PrefixPattern(string search)
    {
        var text = Normalise(search);
        var pattern = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is '%' or '_' or '[' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }

    /// <summary>The ids of customers (of any merchant; the orders query narrows) whose name or email contains the text.</summary>
    internal static IQueryable<Guid> CustomerIds(PortalDb db, string search)
    {
        if (db.Database.IsSqlServer())
        {
            var pattern = PrefixPattern(search);
            return db.Database.SqlQuery<Guid>(
                $"""
                SELECT [Id] AS [Value] FROM [Customers]
                WHERE [SearchName] LIKE {pattern} ESCAPE '\' OR [SearchLastName] LIKE {pattern} ESCAPE '\'
                   OR [NormalizedEmail] LIKE {pattern} ESCAPE '\' OR [SearchEmailDomain] LIKE {pattern} ESCAPE '\'
                """);
        }

        var match = TrigramMatch(search);
        return db.Database.SqlQuery<Guid>($"SELECT CustomerId AS Value FROM CustomerSearch WHERE CustomerSearch MATCH {match}");
    }

    /// <summary>Trimmed, inner runs of white space as one space, lower-cased (the trigram index folds case too).</summary>
    private static string Normalise(string? search) =>
        string.IsNullOrWhiteSpace(search)
            ? ""
            : string.Join(' ', search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLower(CultureInfo.InvariantCulture);
}
