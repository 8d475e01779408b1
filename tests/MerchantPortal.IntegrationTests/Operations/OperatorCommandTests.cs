using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Ledger;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Operations;

/// <summary><c>credit-balance</c> and <c>import-codes</c>, run as an operator would, against a database the services also read.</summary>
public sealed class OperatorCommandTests : CoreServiceTest
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Credit_balance_books_one_audited_entry_however_often_the_same_reference_is_run()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var first = await RunAsync("credit-balance", "--merchant", merchant.Name, "--amount", "250.00", "--reason", "Wire 4711", "--reference", "wire-4711");
        var again = await RunAsync("credit-balance", "--merchant", merchant.Name, "--amount", "250.00", "--reason", "Wire 4711", "--reference", "wire-4711");

        Assert.Equal((0, 0), (first.ExitCode, again.ExitCode));
        Assert.Contains($"credited $250.00 to {merchant.Name}; balance after it $250.00. Reference wire-4711.", first.Output, StringComparison.Ordinal);
        Assert.Equal(25_000, await BalanceMinorAsync(merchant.Id));
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var audited = await db.AuditEntries.Where(a => a.Action == AuditActions.BalanceCredited && a.MerchantId == merchant.Id).ToListAsync();
        Assert.Equal("Credit $250.00: Wire 4711", Assert.Single(audited).Details);
    }

    [Fact]
    public async Task A_credit_above_the_confirmation_limit_books_only_when_the_amount_is_repeated()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var unconfirmed = await RunAsync("credit-balance", "--merchant", merchant.Name, "--amount", "20000", "--reason", "Annual prepayment");
        var mistyped = await RunAsync("credit-balance", "--merchant", merchant.Name, "--amount", "20000", "--reason", "Annual prepayment",
            "--confirm-amount", "2000");
        Assert.Equal(0L, await BalanceMinorAsync(merchant.Id));

        var confirmed = await RunAsync("credit-balance", "--merchant", merchant.Name, "--amount", "20000", "--reason", "Annual prepayment",
            "--confirm-amount", "20000.00");

        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.Contains("ADJUSTMENT_CONFIRMATION_REQUIRED: Credit USD 20,000.00 (twenty thousand US dollars) to", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Contains("Run again with --confirm-amount 20000 to book it.", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Equal(1, mistyped.ExitCode);
        Assert.Contains("ADJUSTMENT_CONFIRMATION_MISMATCH", mistyped.Error, StringComparison.Ordinal);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Equal(2_000_000L, await BalanceMinorAsync(merchant.Id));
    }

    [Theory]
    [InlineData("12,50", "AMOUNT_INVALID: --amount must be a number in major units")]
    [InlineData("-5", "AMOUNT_INVALID")]
    [InlineData("0.001", "AMOUNT_INVALID")]
    public async Task A_credit_with_a_bad_amount_says_why_and_books_nothing(string amount, string expected)
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var run = await RunAsync("credit-balance", "--merchant", merchant.Name, "--amount", amount, "--reason", "Test");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await BalanceMinorAsync(merchant.Id));
    }

    [Fact]
    public async Task Import_codes_adds_a_files_codes_and_reports_the_duplicates()
    {
        var item = await Host.Catalog.KeyItemAsync();
        await Host.Get<KeyInventoryService>().AddCodesFromTextAsync(item.Id, "KEEP-0001", TestCatalog.Admin);
        var file = _directory.File("codes.csv");
        await File.WriteAllTextAsync(file, "code\nNEW-0001\nNEW-0002\nNEW-0001\nKEEP-0001\n");

        var run = await RunAsync("import-codes", "--item", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--file", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("added 2; skipped 1 repeated in the file and 1 already in the inventory.", run.Output, StringComparison.Ordinal);
        var codes = await Host.Get<KeyInventoryService>().ListAsync(item.Id, new KeyCodeQuery(PageSize: 10), TestCatalog.Admin);
        Assert.Equal(3, codes.TotalCount);
    }

    [Fact]
    public async Task Import_codes_refuses_a_file_that_is_not_text_and_adds_nothing()
    {
        var item = await Host.Catalog.KeyItemAsync();
        var file = _directory.File("picture.csv");
        await File.WriteAllBytesAsync(file, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);

        var run = await RunAsync("import-codes", "--item", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--file", file);
        var missing = await RunAsync("import-codes", "--item", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--file", _directory.File("none.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.NotEqual("", run.Error);
        Assert.Equal((1, true), (missing.ExitCode, missing.Error.Contains("FILE_NOT_FOUND", StringComparison.Ordinal)));
        var codes = await Host.Get<KeyInventoryService>().ListAsync(item.Id, new KeyCodeQuery(PageSize: 10), TestCatalog.Admin);
        Assert.Equal(0, codes.TotalCount);
    }

    private async Task<long?> BalanceMinorAsync(Guid merchantId) =>
        (await Host.Get<LedgerService>().GetBalanceAsync(merchantId, TestCatalog.Admin))?.Minor;

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        AppCommand.RunAsync(_directory.Path, Host.DatabasePath, args);
}
