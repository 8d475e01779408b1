using Bunit;
using MerchantPortal.ApiKeys;
using MerchantPortal.Approvals;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.Customers;
using MerchantPortal.Web.Features.Orders;
using MerchantPortal.Web.Features.Support;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Webhooks;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static MerchantPortal.ComponentTests.Shared.CountedInput;

namespace MerchantPortal.ComponentTests.Shared;

/// <summary>
/// The dialogs' text inputs count up to the service's limit and never cut a paste: text that is too long is kept and
/// shown with the service's own message at the input.
/// </summary>
public sealed class LongTextInputTests : CoreComponentTest
{
    [Fact]
    public async Task A_cancellation_reason_that_is_too_long_is_shown_at_the_reason_and_does_not_close_the_dialog()
    {
        SignInAs(Roles.Admin);
        var (provider, dialog) = await ShowAsync(new DialogParameters<CancelOrderDialog> { { d => d.Reference, "MP-000001" } });

        AssertTooLongIsShownNotCut(provider, "cancel-reason", OrderErrors.MaxCancelReasonLength, OrderErrors.CancelReasonTooLong.Message);
        provider.Find("[data-testid='cancel-confirm']").Click();

        Assert.False(dialog.Result.IsCompleted);
        Assert.Single(provider.FindAll("[data-testid='cancel-order-dialog']"));
    }

    [Fact]
    public async Task A_rejection_note_that_is_too_long_is_shown_at_the_note_and_does_not_close_the_dialog()
    {
        SignInAs(Roles.Admin);
        var (provider, dialog) = await ShowAsync(new DialogParameters<RejectApprovalDialog> { { d => d.Summary, "Refund 2 units" } });

        AssertTooLongIsShownNotCut(provider, "reject-note", ApprovalErrors.MaxNoteLength, ApprovalErrors.NoteTooLong.Message);
        provider.Find("[data-testid='reject-confirm']").Click();

        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task A_new_customers_name_that_is_too_long_is_shown_at_the_name_and_again_by_the_service_on_save()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        SignInAs(Roles.Admin);
        var focus = JSInterop.SetupModule("./js/form-focus.js");
        var (provider, _) = await ShowAsync(new DialogParameters<AddCustomerDialog> { { d => d.MerchantId, merchant.Id } });

        AssertTooLongIsShownNotCut(provider, "customer-name", CustomerErrors.MaxNameLength, CustomerErrors.NameTooLong.Message);
        provider.Find("[data-testid='customer-phone']").Change("not a phone");
        provider.Find("[data-testid='customer-save']").Click();

        provider.WaitForAssertion(() => Assert.Equal("true", provider.Find("[data-testid='customer-phone']").GetAttribute("aria-invalid")));
        Assert.StartsWith(CustomerErrors.NameTooLong.Message, HelperText(provider, "customer-name"), StringComparison.Ordinal);
        provider.WaitForAssertion(() => focus.VerifyInvoke("focusFirstInvalid"));
    }

    [Fact]
    public void A_customers_name_that_is_too_long_is_shown_at_the_name_in_the_edit_form()
    {
        SignInAs(Roles.Admin);
        var name = new string('x', CustomerErrors.MaxNameLength + 1);

        var form = Render<CustomerDetailsForm>(p => p.Add(x => x.Name, name));

        Assert.StartsWith(CustomerErrors.NameTooLong.Message, HelperText(form, "customer-edit-name"), StringComparison.Ordinal);
        AssertKeptWhole(form, "customer-edit-name", name);
    }

    [Fact]
    public async Task A_webhook_url_and_description_that_are_too_long_are_shown_at_their_inputs_and_the_first_error_is_focused()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        SignInAs(Roles.Admin);
        var focus = JSInterop.SetupModule("./js/form-focus.js");
        var (provider, _) = await ShowAsync(new DialogParameters<WebhookEndpointDialog> { { d => d.MerchantId, merchant.Id } });

        AssertTooLongIsShownNotCut(provider, "endpoint-url-input", WebhookUrlPolicy.MaxUrlLength, WebhookErrors.UrlTooLong.Message);
        AssertTooLongIsShownNotCut(provider, "endpoint-description-input", WebhookEndpointService.MaxDescriptionLength,
            WebhookErrors.DescriptionTooLong.Message);
        provider.Find("[data-testid='endpoint-save']").Click();

        provider.WaitForAssertion(() => focus.VerifyInvoke("focusFirstInvalid"));
        Assert.StartsWith(WebhookErrors.UrlTooLong.Message, HelperText(provider, "endpoint-url-input"), StringComparison.Ordinal);
        Assert.StartsWith(WebhookErrors.DescriptionTooLong.Message, HelperText(provider, "endpoint-description-input"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_name_that_is_too_long_is_shown_at_the_name_and_the_service_reports_it_with_the_rest()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        SignInAs(Roles.Admin);
        var focus = JSInterop.SetupModule("./js/form-focus.js");
        var (provider, _) = await ShowAsync(new DialogParameters<CreateApiKeyDialog> { { d => d.MerchantId, merchant.Id } });

        AssertTooLongIsShownNotCut(provider, "api-key-name", ApiKeyErrors.MaxNameLength, ApiKeyErrors.NameTooLong.Message);
        provider.Find("[data-testid='api-key-create-submit']").Click();

        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid='api-key-scopes-error']")));
        Assert.StartsWith(ApiKeyErrors.NameTooLong.Message, HelperText(provider, "api-key-name"), StringComparison.Ordinal);
        provider.WaitForAssertion(() => focus.VerifyInvoke("focusFirstInvalid"));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync<TDialog>(DialogParameters<TDialog> parameters)
        where TDialog : IComponent
    {
        var provider = Render<MudDialogProvider>();
        var dialog = await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<TDialog>("Dialog", parameters));
        return (provider, dialog);
    }
}
