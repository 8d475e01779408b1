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
        Assert.Equal("0 invalid", Text(provider, "upload-invalid"));
        Assert.Equal(3, (await _core.Get<CatalogService>().GetAsync(_item.Id, Actor.System))!.Stock);
    }

    [Fact]
    public async Task Codes_that_are_too_long_are_listed_as_invalid()
    {
        var (provider, _) = await ShowAsync();

        provider.Find("[data-testid='upload-codes-text']").Change($"GOOD-0001\n{new string('X', 201)}");
        provider.Find("[data-testid='upload-codes-submit']").Click();

        provider.WaitForAssertion(() => Assert.Equal("1 invalid", Text(provider, "upload-invalid")));
        Assert.Equal("1 added", Text(provider, "upload-added"));
        Assert.Contains(new string('X', 40) + "…", Text(provider, "upload-invalid-list"), StringComparison.Ordinal);
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
