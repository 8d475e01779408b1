using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using MerchantPortal.Common;

namespace MerchantPortal.Catalog;

/// <summary>
/// Reading and checking codes as admins paste or upload them. An upload is text: UTF-8 (a byte order mark is
/// tolerated), one code per line, in a CSV the first column. A code is stored exactly as written, so a line
/// whose code holds a control character, a bidirectional text control, an invisible or unprintable character,
/// or more than <see cref="MaxLength"/> characters is reported with its line number, never cleaned or cut.
/// </summary>
public static class KeyCodeText
{
    /// <summary>The longest code, in characters (UTF-16 code units).</summary>
    public const int MaxLength = 200;

    /// <summary>The largest file (or pasted text, in UTF-8) one upload takes; the dialog's file input uses the same limit.</summary>
    public const int MaxUploadBytes = MaxUploadMegabytes * 1024 * 1024;

    public const int MaxUploadMegabytes = 1;

    /// <summary>
    /// How many of a code's last characters are stored in plaintext beside the encrypted code: shown masked
    /// (<c>•••• •••• 7Q2M</c>) and searched by. Kept at four, what the portal shows anyway: each plaintext
    /// character stored weakens the encryption at rest, and a code of a short alphabet may have little to spare.
    /// </summary>
    public const int VisibleSuffixLength = 4;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly char[] EdgeWhitespace = [' ', '\t'];

    /// <summary>
    /// The text of an uploaded file: strict UTF-8, with a leading byte order mark dropped. A file with NUL bytes
    /// (an image, a spreadsheet, a PDF), a UTF-16 file or one with bytes that are not UTF-8 (e.g. Latin-1) is refused
    /// as a whole, so nothing of it is read as codes.
    /// </summary>
    public static Result<string> Decode(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxUploadBytes)
        {
            return CatalogErrors.CodesTooLarge;
        }

        if (content.StartsWith(Utf8Bom))
        {
            content = content[Utf8Bom.Length..];
        }
        else if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return CatalogErrors.CodesFileUtf16;
        }

        if (content.Contains((byte)0))
        {
            return CatalogErrors.CodesFileBinary;
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(content.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(content, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var line = content[..read].Count((byte)'\n') + 1;
                return CatalogErrors.CodesFileNotUtf8(line);
            }

            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// The codes of pasted text or a CSV file, each with its line number and what is wrong with it: one code per
    /// line; in a CSV the first column, with an optional header row named <c>code</c>. Blank lines are skipped;
    /// line breaks may be <c>\n</c>, <c>\r\n</c> or <c>\r</c>; spaces and tabs around a code are dropped.
    /// </summary>
    public static IReadOnlyList<CodeLine> Parse(string text)
    {
        var lines = new List<CodeLine>();
        var number = 0;
        var headerPossible = true;
        foreach (var rawLine in SplitLines(text.StartsWith('\uFEFF') ? text[1..] : text))
        {
            number++;
            var line = rawLine.Trim(EdgeWhitespace);
            if (line.Length == 0)
            {
                continue;
            }

            var first = FirstCsvColumn(line);
            if (headerPossible && string.Equals(first, "code", StringComparison.OrdinalIgnoreCase))
            {
                headerPossible = false;
                continue;
            }

            headerPossible = false;
            lines.Add(Check(number, first));
        }

        return lines;
    }

    /// <summary>Codes given one by one (not read from a file): the n-th code is reported as line n.</summary>
    public static IReadOnlyList<CodeLine> Check(IReadOnlyList<string> codes) =>
        [.. codes.Select((code, index) => Check(index + 1, Normalize(code)))];

    /// <summary>What is wrong with one code, if anything (<see cref="CodeLine.Problems"/> empty when it is fine).</summary>
    public static CodeLine Check(int line, string code)
    {
        var problems = new List<CodeProblem>();
        if (code.Length == 0)
        {
            problems.Add(new CodeProblem(CodeProblemKind.Empty));
        }

        var seen = new HashSet<CodeProblemKind>();
        var rest = code.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            var kind = status == OperationStatus.Done ? Classify(rune) : CodeProblemKind.Unprintable;
            if (kind is { } found && seen.Add(found))
            {
                problems.Add(new CodeProblem(found, status == OperationStatus.Done ? rune.Value : rest[0]));
            }

            rest = rest[consumed..];
        }

        if (code.Length > MaxLength)
        {
            problems.Add(new CodeProblem(CodeProblemKind.TooLong));
        }

        return new CodeLine(line, code, problems);
    }

    public static string Normalize(string code) => code.Trim(EdgeWhitespace);

    public static string Hash(long itemId, string normalizedCode) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{itemId}:{normalizedCode}")));

    /// <summary>The code's last <see cref="VisibleSuffixLength"/> characters, never half of a surrogate pair.</summary>
    public static string LastFour(string normalizedCode)
    {
        if (normalizedCode.Length <= VisibleSuffixLength)
        {
            return normalizedCode;
        }

        var start = normalizedCode.Length - VisibleSuffixLength;
        return normalizedCode[(char.IsLowSurrogate(normalizedCode[start]) ? start + 1 : start)..];
    }

    /// <summary>How a problem reads in the upload report, after "Line n: ".</summary>
    public static string Describe(CodeProblem problem) => problem.Kind switch
    {
        CodeProblemKind.Empty => "has no code in its first column",
        CodeProblemKind.TooLong => $"longer than {MaxLength} characters",
        CodeProblemKind.ControlCharacter => $"contains a control character ({CodePoint(problem)})",
        CodeProblemKind.BidiControl => $"contains a bidirectional text control ({CodePoint(problem)}), which makes text display in another order than it is stored",
        CodeProblemKind.Unprintable => $"contains an invisible or unprintable character ({CodePoint(problem)})",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem.Kind, null),
    };

    /// <summary>
    /// Characters a code may not hold. Controls (C0, DEL, C1) and the explicit bidirectional embeddings, overrides and
    /// isolates (U+202A–U+202E, U+2066–U+2069) by name; then whatever does not print or cannot be told apart from
    /// something else: format characters (zero-width spaces and joiners, direction marks, a byte order mark inside the
    /// text), line and paragraph separators, spaces other than U+0020, private-use and unassigned code points, and
    /// U+FFFD, which a broken conversion leaves behind.
    /// </summary>
    private static CodeProblemKind? Classify(Rune rune)
    {
        if (rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069)
        {
            return CodeProblemKind.BidiControl;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control => CodeProblemKind.ControlCharacter,
            UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => CodeProblemKind.Unprintable,
            UnicodeCategory.SpaceSeparator when rune.Value != ' ' => CodeProblemKind.Unprintable,
            _ when rune == Rune.ReplacementChar => CodeProblemKind.Unprintable,
            _ => null,
        };
    }

    private static string CodePoint(CodeProblem problem) => string.Create(CultureInfo.InvariantCulture, $"U+{problem.CodePoint:X4}");

    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                yield return text[start..i];
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static string FirstCsvColumn(string line)
    {
        if (line.StartsWith('"'))
        {
            var end = line.IndexOf('"', 1);
            while (end > 0 && end + 1 < line.Length && line[end + 1] == '"')
            {
                end = line.IndexOf('"', end + 2);
            }

            return Normalize(end > 0 ? line[1..end].Replace("\"\"", "\"", StringComparison.Ordinal) : line.Trim('"'));
        }

        var comma = line.IndexOf(',', StringComparison.Ordinal);
        return Normalize(comma >= 0 ? line[..comma] : line);
    }
}

/// <summary>One code of an upload with its line number (1-based) and what is wrong with it, if anything.</summary>
public sealed record CodeLine(int Line, string Code, IReadOnlyList<CodeProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>Why a code is refused; <see cref="CodePoint"/> names the offending character where there is one.</summary>
public sealed record CodeProblem(CodeProblemKind Kind, int? CodePoint = null);

public enum CodeProblemKind
{
    Empty,
    TooLong,
    ControlCharacter,
    BidiControl,
    Unprintable,
}
