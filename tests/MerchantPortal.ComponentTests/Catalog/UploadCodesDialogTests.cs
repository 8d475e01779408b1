using System.Text;
using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Catalog;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Catalog;

/// <summary>The upload codes dialog against the real key inventory on a SQLite database.</summary>
public sealed class UploadCodesDialogTests : PortalComponentTest, IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private CoreTestHost _core = default!;
    private CatalogItem _item = default!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        _item = await _core.Catalog.KeyItemAsync();
        Services.AddSingleton(_core.Get<KeyInventoryService>());
        SignInAs(Roles.Admin, userId: "admin-1");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task Pasted_codes_are_added_and_the_summary_counts_what_was_skipped()
    {
        var inventory = _core.Get<KeyInventoryService>();
        await inventory.AddCodesAsync(_item.Id, ["OLD-0001"], TestCatalog.Admin);
        var (provider, _) = await ShowAsync();

        provider.Find("[data-testid='upload-codes-text']").Change("NEW-0001\nNEW-0002\nNEW-0001\n\nOLD-0001\n");
        provider.Find("[data-testid='upload-codes-submit']").Click();

        provider.WaitForAssertion(() => Assert.Equal("2 added", Text(provider, "upload-added")));
        Assert.Equal("4 codes received", Text(provider, "upload-received"));
        Assert.Equal("1 duplicate in this upload", Text(provider, "upload-duplicates"));
        Assert.Equal("1 already in the inventory", Text(provider, "upload-existing"));
        Assert.Equal(3, (await _core.Get<CatalogService>().GetAsync(_item.Id, Actor.System))!.Stock);
    }

    [Fact]
    public async Task Pasted_codes_with_a_line_too_long_add_nothing_and_the_report_names_the_line()
    {
        var (provider, _) = await ShowAsync();

        provider.Find("[data-testid='upload-codes-text']").Change($"GOOD-0001\n{new string('X', 201)}");
        provider.Find("[data-testid='upload-codes-submit']").Click();

        provider.WaitForAssertion(() => Assert.Equal("Line 2: longer than 200 characters.", Text(provider, "upload-codes-problem")));
        Assert.Empty(provider.FindAll("[data-testid='upload-summary']"));
        Assert.Equal(0, (await _core.Get<CatalogService>().GetAsync(_item.Id, Actor.System))!.Stock);
    }

    [Fact]
    public async Task A_file_with_control_and_bidi_characters_shows_the_problems_by_line_and_adds_nothing()
    {
        var (provider, _) = await ShowAsync();
        var file = Encoding.UTF8.GetBytes("code\nGOOD-0001\nBAD\u0007-0003\nGOOD-0004\n\nABCD\u202E-0006\n");

        provider.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "codes.csv"));
        provider.WaitForAssertion(() => Assert.Contains("4 codes found", Text(provider, "upload-codes-file-chosen"), StringComparison.Ordinal));
        provider.Find("[data-testid='upload-codes-submit']").Click();

        provider.WaitForAssertion(() => Assert.Equal(2, provider.FindAll("[data-testid='upload-codes-problem']").Count));
        Assert.Equal("Nothing was added: 2 lines have problems. Fix them and upload the codes again.", Text(provider, "upload-codes-report-title"));
        var problems = provider.FindAll("[data-testid='upload-codes-problem']").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal("Line 3: contains a control character (U+0007).", problems[0]);
        Assert.StartsWith("Line 6: contains a bidirectional text control (U+202E)", problems[1], StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", provider.Find("[data-testid='upload-codes-report']").TextContent, StringComparison.Ordinal);
        Assert.Empty(provider.FindAll("[data-testid='upload-summary']"));
        Assert.Equal(0, (await _core.Get<CatalogService>().GetAsync(_item.Id, Actor.System))!.Stock);
    }

    [Fact]
    public async Task A_binary_file_is_refused_as_soon_as_it_is_chosen()
    {
        var (provider, _) = await ShowAsync();

        provider.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Png, "codes.csv"));

        provider.WaitForAssertion(() => Assert.Contains("codes.csv: This is not a text file.", Text(provider, "upload-codes-error"), StringComparison.Ordinal));
        Assert.Empty(provider.FindAll("[data-testid='upload-codes-file-chosen']"));
    }

    [Fact]
    public async Task A_Latin1_file_is_refused_as_soon_as_it_is_chosen()
    {
        var (provider, _) = await ShowAsync();

        provider.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(Encoding.Latin1.GetBytes("CAFÉ-0001\n"), "codes.csv"));

        provider.WaitForAssertion(() => Assert.Contains("not a UTF-8 text file", Text(provider, "upload-codes-error"), StringComparison.Ordinal));
        Assert.Empty(provider.FindAll("[data-testid='upload-codes-file-chosen']"));
    }

    [Fact]
    public async Task A_CSV_file_is_read_and_the_codes_in_its_first_column_are_added()
    {
        var (provider, _) = await ShowAsync();

        provider.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromText("code,batch\nCSV-0001,A\n\"CSV-0002\",A\nCSV-0001,B\n", "codes.csv"));
        provider.WaitForAssertion(() => Assert.Contains("3 codes found", provider.Find("[data-testid='upload-codes-file-chosen']").TextContent,
            StringComparison.Ordinal));
        Assert.Empty(provider.FindAll("[data-testid='upload-codes-text']"));
        provider.Find("[data-testid='upload-codes-submit']").Click();

        provider.WaitForAssertion(() => Assert.Equal("2 added", Text(provider, "upload-added")));
        Assert.Equal("1 duplicate in this upload", Text(provider, "upload-duplicates"));
        Assert.Equal(2, (await _core.Get<CatalogService>().GetAsync(_item.Id, Actor.System))!.Stock);
    }

    [Fact]
    public async Task Uploading_nothing_shows_the_error_at_the_codes_box()
    {
        var (provider, _) = await ShowAsync();

        provider.Find("[data-testid='upload-codes-submit']").Click();

        provider.WaitForAssertion(() => Assert.Equal(CatalogErrors.NoCodes.Message,
            provider.Find("[data-testid='upload-codes-text']").Closest(".mud-input-control")!
                .QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim()));
        Assert.Empty(provider.FindAll("[data-testid='upload-summary']"));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync()
    {
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<UploadCodesDialog>
        {
            { d => d.ItemId, _item.Id },
            { d => d.ItemName, _item.Name },
        };
        var dialog = await provider.InvokeAsync(() =>
            Services.GetRequiredService<IDialogService>().ShowAsync<UploadCodesDialog>("Upload codes", parameters));
        return (provider, dialog);
    }

    private static string Text(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"[data-testid='{testId}']").TextContent.Trim();
}
