using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MerchantPortal.Catalog;

namespace MerchantPortal.UnitTests.Catalog;

/// <summary>Reading uploaded codes: only UTF-8 text, every code checked, problems reported by line.</summary>
public sealed class KeyCodeTextTests
{
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
    private static readonly string[] TwoCodes = ["AAAA-1111", "BBBB-2222"];
    private static readonly string[] CsvCodes = ["CSV-0001", "CSV \"2\"", "CSV-0003"];
    private static readonly int[] CodeLines = [2, 4, 6];
    private static readonly CodeProblemKind[] ThreeProblems = [CodeProblemKind.ControlCharacter, CodeProblemKind.BidiControl, CodeProblemKind.TooLong];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void A_UTF8_file_with_a_byte_order_mark_reads_without_the_mark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("code\nÄÖ-0001\n")).ToArray();

        var text = KeyCodeText.Decode(bytes);

        Assert.True(text.Succeeded);
        Assert.Equal("code\nÄÖ-0001\n", text.Value);
        Assert.Equal("ÄÖ-0001", Assert.Single(KeyCodeText.Parse(text.Value)).Code);
    }

    [Fact]
    public void An_image_is_not_a_text_file()
    {
        var text = KeyCodeText.Decode(PngHeader);

        Assert.Equal("CODES_FILE_NOT_TEXT", text.Error!.Code);
    }

    [Fact]
    public void A_Latin1_file_is_refused_naming_the_first_line_that_is_not_UTF8()
    {
        var bytes = Encoding.Latin1.GetBytes("CAFE-0001\nCAFÉ-0002\nCAFE-0003\n");

        var text = KeyCodeText.Decode(bytes);

        Assert.Equal("CODES_FILE_NOT_UTF8", text.Error!.Code);
        Assert.Contains("line 2", text.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C0 80")]        // an overlong encoding of NUL
    [InlineData("41 C3")]        // a sequence cut off at the end
    [InlineData("ED A0 80")]     // an encoded surrogate
    [InlineData("F4 90 80 80")]  // beyond U+10FFFF
    public void Malformed_UTF8_is_refused(string hex)
    {
        var text = KeyCodeText.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));

        Assert.Equal("CODES_FILE_NOT_UTF8", text.Error!.Code);
    }

    [Fact]
    public void A_UTF16_file_is_refused_with_advice_to_save_it_as_UTF8()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("AAAA-1111\n")).ToArray();

        var text = KeyCodeText.Decode(bytes);

        Assert.Equal("CODES_FILE_NOT_UTF8", text.Error!.Code);
        Assert.Contains("UTF-16", text.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_cap_is_refused_and_one_at_the_cap_is_read()
    {
        var atCap = Enumerable.Repeat((byte)'A', KeyCodeText.MaxUploadBytes).ToArray();

        Assert.True(KeyCodeText.Decode(atCap).Succeeded);
        Assert.Equal("CODES_TOO_LARGE", KeyCodeText.Decode([.. atCap, (byte)'A']).Error!.Code);
        Assert.Equal(1024 * 1024, KeyCodeText.MaxUploadBytes);
    }

    [Fact]
    public void Lines_are_numbered_as_in_the_file_counting_blank_lines_and_the_header()
    {
        var lines = KeyCodeText.Parse("code,batch\r\nCSV-0001,A\n\n\"CSV \"\"2\"\"\",B\r\r  CSV-0003\t\n");

        Assert.Equal(CsvCodes, lines.Select(l => l.Code));
        Assert.Equal(CodeLines, lines.Select(l => l.Line));
        Assert.All(lines, l => Assert.True(l.IsValid));
    }

    [Fact]
    public void A_row_named_code_after_the_first_is_a_code_not_a_header()
    {
        var lines = KeyCodeText.Parse("AAAA-1111\ncode\n");

        Assert.Equal(2, lines.Count);
        Assert.Equal("code", lines[1].Code);
    }

    [Fact]
    public void Codes_given_one_by_one_are_numbered_from_one()
    {
        var lines = KeyCodeText.Check(TwoCodes);

        Assert.Equal(TwoCodes, lines.Select(l => l.Code));
        Assert.Equal(2, lines[1].Line);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x09)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    [InlineData(0x85)]
    [InlineData(0x9F)]
    public void A_control_character_inside_a_code_is_reported_with_its_code_point(int codePoint)
    {
        var line = KeyCodeText.Check(3, $"AB{(char)codePoint}CD");

        var problem = Assert.Single(line.Problems);
        Assert.Equal(CodeProblemKind.ControlCharacter, problem.Kind);
        Assert.Equal(codePoint, problem.CodePoint);
        Assert.Equal($"Line 3: contains a control character (U+{codePoint:X4}).",
            CatalogErrors.ProblemOnLine(line.Line, problem).Message);
    }

    [Theory]
    [InlineData(0x202A)]
    [InlineData(0x202B)]
    [InlineData(0x202C)]
    [InlineData(0x202D)]
    [InlineData(0x202E)]
    [InlineData(0x2066)]
    [InlineData(0x2067)]
    [InlineData(0x2068)]
    [InlineData(0x2069)]
    public void A_bidirectional_override_or_isolate_is_reported(int codePoint)
    {
        var problem = Assert.Single(KeyCodeText.Check(5, $"ABCD{(char)codePoint}4321").Problems);

        Assert.Equal(CodeProblemKind.BidiControl, problem.Kind);
        Assert.Equal("CODE_BIDI_CONTROL", CatalogErrors.ProblemOnLine(5, problem).Code);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"Line 5: contains a bidirectional text control (U+{codePoint:X4})"),
            CatalogErrors.ProblemOnLine(5, problem).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AB\u200BCD", 0x200B)] // zero-width space
    [InlineData("AB\u200ECD", 0x200E)] // left-to-right mark
    [InlineData("AB\uFEFFCD", 0xFEFF)] // a byte order mark inside the text
    [InlineData("AB\u00A0CD", 0x00A0)] // no-break space
    [InlineData("AB\u2028CD", 0x2028)] // line separator
    [InlineData("AB\uE000CD", 0xE000)] // private use
    [InlineData("AB\uFFFDCD", 0xFFFD)] // what a broken conversion leaves
    public void Invisible_and_unprintable_characters_are_reported(string code, int codePoint)
    {
        var problem = Assert.Single(KeyCodeText.Check(1, code).Problems);

        Assert.Equal(CodeProblemKind.Unprintable, problem.Kind);
        Assert.Equal(codePoint, problem.CodePoint);
    }

    [Fact]
    public void Half_of_a_surrogate_pair_is_reported_as_unprintable()
    {
        // Built at run time: an attribute's string cannot hold a lone surrogate.
        var code = "AB" + (char)0xD800 + "CD";

        var problem = Assert.Single(KeyCodeText.Check(1, code).Problems);

        Assert.Equal((CodeProblemKind.Unprintable, (int?)0xD800), (problem.Kind, problem.CodePoint));
    }

    [Theory]
    [InlineData("AAAA-1111-BBBB")]
    [InlineData("ABCD EFGH")]
    [InlineData("ÄÖÜ-ß-ñ-東京")]
    [InlineData("GIFT-🎁-0001")]
    [InlineData("a\"b,c;d'e")]
    public void Printable_codes_are_accepted(string code) =>
        Assert.True(KeyCodeText.Check(1, code).IsValid);

    [Fact]
    public void A_code_longer_than_the_limit_is_reported_not_cut()
    {
        var atLimit = KeyCodeText.Check(1, new string('X', KeyCodeText.MaxLength));
        var tooLong = KeyCodeText.Check(7, new string('X', KeyCodeText.MaxLength + 1));

        Assert.True(atLimit.IsValid);
        Assert.Equal(KeyCodeText.MaxLength + 1, tooLong.Code.Length);
        var problem = Assert.Single(tooLong.Problems);
        Assert.Equal("Line 7: longer than 200 characters.", CatalogErrors.ProblemOnLine(7, problem).Message);
        Assert.Equal("CODE_TOO_LONG", CatalogErrors.ProblemOnLine(7, problem).Code);
    }

    [Fact]
    public void A_line_with_several_problems_reports_each_kind_once()
    {
        var line = KeyCodeText.Check(2, "\u0007A\u0007" + new string('X', 300) + "\u202E");

        Assert.Equal(ThreeProblems, line.Problems.Select(p => p.Kind));
    }

    [Fact]
    public void A_CSV_row_with_an_empty_first_column_is_reported()
    {
        var line = Assert.Single(KeyCodeText.Parse(",A\n"));

        Assert.Equal(CodeProblemKind.Empty, Assert.Single(line.Problems).Kind);
    }

    [Fact]
    public void The_report_lists_the_first_lines_and_counts_them_all()
    {
        var lines = Enumerable.Range(1, CatalogErrors.MaxReportedCodeProblems + 20).Select(n => KeyCodeText.Check(n, "BAD\u0001")).ToList();

        var error = CatalogErrors.CodesRejected([KeyCodeText.Check(1, "GOOD"), .. lines]);

        Assert.Equal("VALIDATION_FAILED", error.Code);
        Assert.Equal(CatalogErrors.MaxReportedCodeProblems, error.Errors.Count);
        Assert.Equal("Nothing was added: 520 lines have problems. Fix them and upload the codes again.", error.Message);
        Assert.All(error.Errors, e => Assert.Equal("CODE_CONTROL_CHARACTER", e.Code));
    }

    [Theory]
    [InlineData("ABCDEFGH", "EFGH")]
    [InlineData("AB", "AB")]
    [InlineData("CODE-A🎁", "-A🎁")]
    [InlineData("CODE🎁ABC", "ABC")]
    public void The_visible_suffix_never_splits_a_character(string code, string suffix) =>
        Assert.Equal(suffix, KeyCodeText.LastFour(code));

    [Property(MaxTest = 500)]
    public Property Every_code_accepted_prints_and_fits(string? text) =>
        KeyCodeText.Parse(text ?? "").Where(l => l.IsValid).All(l =>
            l.Code.Length is > 0 and <= KeyCodeText.MaxLength
            && IsWellFormed(l.Code)
            && !l.Code.Any(c => char.IsControl(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.LineSeparator)).ToProperty();

    private static bool IsWellFormed(string code)
    {
        try
        {
            _ = StrictUtf8.GetByteCount(code);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
