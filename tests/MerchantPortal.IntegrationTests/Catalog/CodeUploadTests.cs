using System.Text;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Catalog;

/// <summary>Uploading codes: only UTF-8 text, every code checked, all or nothing, reported by line.</summary>
public sealed class CodeUploadTests : CoreServiceTest
{
    private static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
    ];

    private static readonly string[] ControlAndBidiReport =
    [
        "Line 2: contains a control character (U+0007).",
        "Line 5: contains a bidirectional text control (U+202E), which makes text display in another order than it is stored.",
    ];

    private KeyInventoryService Inventory => Host.Get<KeyInventoryService>();

    [Fact]
    public async Task A_PNG_uploaded_as_CSV_is_refused_and_adds_nothing()
    {
        var item = await Host.Catalog.KeyItemAsync();

        var result = await Inventory.AddCodesFromFileAsync(item.Id, new MemoryStream(Png), TestActors.Admin);

        Assert.Equal("CODES_FILE_NOT_TEXT", result.Error!.Code);
        await AssertNothingAddedAsync(item.Id);
    }

    [Fact]
    public async Task A_Latin1_file_is_refused_as_not_UTF8_and_adds_nothing()
    {
        var item = await Host.Catalog.KeyItemAsync();
        var latin1 = Encoding.Latin1.GetBytes("code\nCAFE-0001\nCAFÉ-0002\n");

        var result = await Inventory.AddCodesFromFileAsync(item.Id, new MemoryStream(latin1), TestActors.Admin);

        Assert.Equal("CODES_FILE_NOT_UTF8", result.Error!.Code);
        Assert.Contains("line 3", result.Error.Message, StringComparison.Ordinal);
        await AssertNothingAddedAsync(item.Id);
    }

    [Fact]
    public async Task A_UTF8_file_with_a_byte_order_mark_is_added_without_the_mark()
    {
        var item = await Host.Catalog.KeyItemAsync();
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("code,batch\r\nÄÖÜ-0001,A\r\nPLAIN-0002,A\r\n")).ToArray();

        var summary = (await Inventory.AddCodesFromFileAsync(item.Id, new MemoryStream(file), TestActors.Admin)).Value;

        Assert.Equal((2, 2), (summary.Received, summary.Added));
        var codes = await Inventory.ListAsync(item.Id, new KeyCodeQuery(), TestActors.Admin);
        var revealed = await Task.WhenAll(codes.Items.Select(async c => (await Inventory.RevealAsync(c.Id, TestActors.Admin)).Value));
        Assert.Equal(["PLAIN-0002", "ÄÖÜ-0001"], revealed);
    }

    [Fact]
    public async Task Rows_with_control_or_bidi_characters_are_reported_by_line_and_nothing_is_added()
    {
        var item = await Host.Catalog.KeyItemAsync();

        var result = await Inventory.AddCodesFromTextAsync(item.Id, "GOOD-0001\nBAD\u0007-0002\n\nGOOD-0004\nABCD\u202E-0005\n", TestActors.Admin);

        Assert.Equal("VALIDATION_FAILED", result.Error!.Code);
        Assert.Equal("Nothing was added: 2 lines have problems. Fix them and upload the codes again.", result.Error.Message);
        Assert.Equal(ControlAndBidiReport, result.Error.Errors.Select(e => e.Message));
        Assert.Equal(["CODE_CONTROL_CHARACTER", "CODE_BIDI_CONTROL"], result.Error.Errors.Select(e => e.Code));
        await AssertNothingAddedAsync(item.Id);
    }

    [Fact]
    public async Task The_same_rows_in_a_file_are_reported_the_same_way()
    {
        var item = await Host.Catalog.KeyItemAsync();
        var file = Encoding.UTF8.GetBytes("GOOD-0001\r\nBAD\u0007-0002\r\n\r\nGOOD-0004\r\nABCD\u202E-0005\r\n");

        var result = await Inventory.AddCodesFromFileAsync(item.Id, new MemoryStream(file), TestActors.Admin);

        Assert.Equal(ControlAndBidiReport, result.Error!.Errors.Select(e => e.Message));
        await AssertNothingAddedAsync(item.Id);
    }

    [Fact]
    public async Task An_over_long_code_is_a_row_error_and_is_not_stored_cut()
    {
        var item = await Host.Catalog.KeyItemAsync();
        var codes = new[] { "GOOD-0001", new string('X', KeyCodeText.MaxLength + 1), "GOOD-0003" };

        var result = await Inventory.AddCodesAsync(item.Id, codes, TestActors.Admin);

        var error = Assert.Single(result.Error!.Errors);
        Assert.Equal(("CODE_TOO_LONG", "Line 2: longer than 200 characters."), (error.Code, error.Message));
        await AssertNothingAddedAsync(item.Id);
    }

    [Fact]
    public async Task A_file_over_the_size_cap_is_refused_before_it_is_read_as_codes()
    {
        var item = await Host.Catalog.KeyItemAsync();
        var lines = string.Concat(Enumerable.Range(0, (KeyCodeText.MaxUploadBytes / 200) + 1).Select(i => $"{i:D9}{new string('X', 190)}\n"));
        Assert.True(Encoding.UTF8.GetByteCount(lines) > KeyCodeText.MaxUploadBytes);

        var file = await Inventory.AddCodesFromFileAsync(item.Id, new MemoryStream(Encoding.UTF8.GetBytes(lines)), TestActors.Admin);
        var pasted = await Inventory.AddCodesFromTextAsync(item.Id, lines, TestActors.Admin);

        Assert.Equal("CODES_TOO_LARGE", file.Error!.Code);
        Assert.Equal("CODES_TOO_LARGE", pasted.Error!.Code);
        await AssertNothingAddedAsync(item.Id);
    }

    [Fact]
    public async Task A_file_at_the_size_cap_is_accepted()
    {
        var item = await Host.Catalog.KeyItemAsync();
        var body = new StringBuilder();
        var i = 0;
        while (body.Length + 200 < KeyCodeText.MaxUploadBytes)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i++:D9}{new string('X', 190)}\n");
        }

        body.Append(new string('Z', KeyCodeText.MaxUploadBytes - body.Length));

        var result = await Inventory.AddCodesFromFileAsync(item.Id, new MemoryStream(Encoding.ASCII.GetBytes(body.ToString())), TestActors.Admin);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(i + 1, result.Value.Added);
    }

    [Fact]
    public async Task Only_admins_upload_codes()
    {
        var item = await Host.Catalog.KeyItemAsync();
        var merchant = await Host.Catalog.MerchantAsync();

        var support = await Inventory.AddCodesFromTextAsync(item.Id, "CODE-0001", TestActors.Support);
        var merchantUser = await Inventory.AddCodesAsync(item.Id, ["CODE-0001"], TestActors.MerchantUser(merchant.Id));

        Assert.Equal("KEY_INVENTORY_NOT_ALLOWED", support.Error!.Code);
        Assert.Equal("KEY_INVENTORY_NOT_ALLOWED", merchantUser.Error!.Code);
        Assert.Equal(ErrorKind.Forbidden, support.Error.Kind);
        await AssertNothingAddedAsync(item.Id);
    }

    [Fact]
    public async Task Duplicates_are_skipped_and_counted_not_refused()
    {
        var item = await Host.Catalog.KeyItemAsync();
        await Inventory.AddCodesAsync(item.Id, ["OLD-0001"], TestActors.Admin);

        var summary = (await Inventory.AddCodesFromTextAsync(item.Id, "NEW-0001\nOLD-0001\nNEW-0001\n", TestActors.Admin)).Value;

        Assert.Equal((3, 1, 1, 1), (summary.Received, summary.Added, summary.DuplicatesInUpload, summary.AlreadyInInventory));
    }

    private async Task AssertNothingAddedAsync(long itemId)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.Equal(0, await db.KeyCodes.CountAsync(c => c.ItemId == itemId));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.CodesAdded && e.TargetId == itemId.ToString()));
    }
}
