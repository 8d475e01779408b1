using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;
using MerchantPortal.Common;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Orders;

public sealed partial class NewOrderPage
{
    private readonly NewOrderForm _form = new();
    private MudAutocomplete<CatalogItemSummary> _itemPicker = default!;
    private CatalogItemSummary? _pickedItem;
    private Actor _actor = default!;
    private bool _submitting;
    private bool _focusError;
    private bool _loadingCards;
    private int _merchantPickerVersion;

    [Inject]
    private OrderPlacementService Orders { get; set; } = default!;

    [Inject]
    private CatalogService Catalog { get; set; } = default!;

    [Inject]
    private MerchantService Merchants { get; set; } = default!;

    [Inject]
    private LedgerService Ledger { get; set; } = default!;

    [Inject]
    private CardService Cards { get; set; } = default!;

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    [Inject]
    private OrderQueries OrderQueries { get; set; } = default!;

    [Inject]
    private OrderReplays Replays { get; set; } = default!;

    [Inject]
    private FormFocus Focus { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary><c>?from={order id}</c> fills the form in from that order (e.g. one whose card payment failed).</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public Guid? FromOrderId { get; set; }

    /// <summary><c>?customer={customer id}</c> starts the form with that customer chosen (the customer page's "New order").</summary>
    [SupplyParameterFromQuery(Name = "customer")]
    public Guid? ForCustomerId { get; set; }

    /// <summary>With <c>from</c>: <c>card</c> keeps the order's card, <c>balance</c> (another way) starts from the balance.</summary>
    [SupplyParameterFromQuery(Name = "pay")]
    public string? PayWith { get; set; }

    private string ItemSearchPlaceholder => _form.Merchant is null
        ? "Choose a merchant first"
        : $"Search {_form.Merchant.Currency} items by name or SKU";

    private string CardHint => _form switch
    {
        { CustomerMode: CustomerMode.New } or { Customer: null } => "Choose an existing customer to pay with one of their saved cards.",
        _ when _loadingCards => "Looking up the customer's saved cards…",
        { CardsError: { } error } => $"Their saved cards could not be listed: {error}",
        { Cards.Count: 0 } => "This customer has no saved card yet (add one under Payment methods).",
        _ => $"{_form.Cards.Count} saved card(s).",
    };

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentUser.GetActorAsync();
        _form.PaymentReturnUrl = $"{Navigation.BaseUri}orders/{PaymentChoice.OrderIdToken}/payment-return";
        _form.MerchantIsFixed = _actor.MerchantId is not null;
        if (_actor.MerchantId is { } own)
        {
            await SelectMerchantAsync(own);
        }

        if (FromOrderId is { } source)
        {
            await PrefillAsync(source);
        }
        else if (ForCustomerId is { } customer)
        {
            await PrefillCustomerAsync(customer);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusError)
        {
            _focusError = false;
            await Focus.FocusFirstErrorAsync();
        }
    }

    private async Task OnMerchantChangedAsync(Guid? merchantId)
    {
        if (merchantId == _form.Merchant?.Id)
        {
            return;
        }

        if (_form.Lines.Count > 0 || _form.Customer is not null)
        {
            var confirmed = await Dialogs.ConfirmAsync("Switch merchant?",
                "The customer and items chosen so far belong to the current merchant and are removed.", "Switch merchant");
            if (!confirmed)
            {
                // The picker already shows the new choice; a fresh one shows the merchant kept.
                _merchantPickerVersion++;
                return;
            }
        }

        if (merchantId is { } id)
        {
            await SelectMerchantAsync(id);
        }
        else
        {
            _form.ClearMerchant();
        }
    }

    private async Task SelectMerchantAsync(Guid merchantId)
    {
        var merchant = await Merchants.FindAsync(merchantId);
        if (merchant is null)
        {
            _form.Show(OrderErrors.MerchantNotFound);
            return;
        }

        _form.SetMerchant(merchant, await Ledger.GetBalanceAsync(merchantId, _actor));
    }

    private async Task<IEnumerable<CatalogItemSummary>> SearchItemsAsync(string? text, CancellationToken ct)
    {
        if (_form.Merchant is not { } merchant)
        {
            return [];
        }

        var page = await Catalog.SearchAsync(new CatalogQuery(text, Currency: merchant.Currency, PageSize: 20), _actor, ct);
        return page.Items;
    }

    private async Task AddItemAsync(CatalogItemSummary? picked)
    {
        if (picked is null)
        {
            return;
        }

        var details = await Catalog.GetAsync(picked.Id, _actor);
        if (details is null || !details.Item.IsActive)
        {
            Snackbar.Add($"{picked.Name} is no longer sold.", Severity.Warning);
        }
        else
        {
            _form.AddLine(details.Item, details.Stock);
        }

        // Ready for the next item.
        _pickedItem = null;
        await _itemPicker.ClearAsync();
    }

    private void RemoveLine(NewOrderLine line) => _form.RemoveLine(line);

    private async Task PlaceAsync()
    {
        if (_submitting)
        {
            return;
        }

        _submitting = true;
        if (!await CheckAsync())
        {
            StopWithErrors();
            return;
        }

        var result = await Orders.PlaceAsync(_form.ToRequest(), _actor);
        if (!result.Succeeded)
        {
            await ShowAsync(result.Error!);
            StopWithErrors();
            return;
        }

        var (details, replayed, paymentUnconfirmed) = result.Value;
        var order = details.Order;
        if (replayed && order.IdempotencyKey != _form.IdempotencyKey)
        {
            // Not this form's own resend: the merchant order id was used before, for this same cart. The earlier
            // order is the answer, said as such and put on its timeline like an API replay.
            await Replays.RecordAsync(order.Id, $"New order form by {_actor.Name} with merchant order id {order.MerchantOrderId}", null);
            Snackbar.Add($"This reference was already used by {order.Reference} — opened it", Severity.Info);
            Navigation.NavigateTo($"/orders/{order.Id}");
            return;
        }

        if (paymentUnconfirmed)
        {
            // Stripe's answer was lost: the card may have been charged. Open the order, never a fresh form that would charge again.
            Snackbar.Add($"Order {order.Reference} was placed; the card payment is being confirmed with Stripe.", Severity.Warning);
            Navigation.NavigateTo($"/orders/{order.Id}");
            return;
        }

        if (order is { PaymentStatus: PaymentStatus.RequiresAction, PaymentActionUrl: { } actionUrl })
        {
            // 3-D Secure: the issuer's page (the sandbox's, offline) comes back to the order's payment-return page.
            Navigation.NavigateTo(actionUrl, forceLoad: true);
            return;
        }

        if (order.PaymentStatus == PaymentStatus.Failed)
        {
            // Declined: nothing was charged or delivered. Another try (e.g. another card) is a new order.
            // The issuer's decline reads well ("Your card was declined."); a failed authentication is Stripe's developer text.
            var reason = order.ErrorCode == OrderErrorCodes.AuthenticationRequired ? "The customer's bank did not confirm the payment." : order.ErrorMessage;
            _form.Show(new Error(order.ErrorCode ?? OrderErrorCodes.PaymentDeclined,
                $"{reason} Order {order.Reference} failed and nothing was charged.", NewOrderErrorPaths.PaymentMethodId));
            _form.StartNewAttempt();
            StopWithErrors();
            return;
        }

        // The button stays disabled while the page is left for the order.
        Snackbar.Add($"Order {order.Reference} placed", Severity.Success);
        Navigation.NavigateTo($"/orders/{order.Id}");
    }

    /// <summary>
    /// The form's own checks and the service's, together, so every problem shows at once, each at its input;
    /// true when the order can be placed.
    /// </summary>
    private async Task<bool> CheckAsync()
    {
        if (!_form.CheckMerchant())
        {
            return false;
        }

        if (await Orders.CheckAsync(_form.ToRequest(), _actor) is { } problems)
        {
            await ShowAsync(problems, keepShown: true);
            return false;
        }

        return true;
    }

    /// <summary>Shows the service's errors; a new customer whose details are taken is offered the customer who has them.</summary>
    private async Task ShowAsync(Error error, bool keepShown = false)
    {
        _form.Show(error, keepShown);
        if (_form is { CustomerMode: CustomerMode.New, Merchant: { } merchant } && error.Flatten().Any(e => e.Code == CustomerErrors.ExistsCode)
            && await Customers.FindTakenAsync(merchant.Id, _form.ToRequest().Customer, _actor) is { } taken)
        {
            _form.OfferExisting(taken);
        }
    }

    private void StopWithErrors()
    {
        _submitting = false;
        _focusError = true;
    }

    private async Task LoadCardsAsync()
    {
        if (_form is { CustomerMode: CustomerMode.Existing, Customer: { } customer })
        {
            _loadingCards = true;
            var cards = await Cards.ListAsync(customer.Id, _actor);
            _loadingCards = false;
            _form.SetCards(cards.Succeeded ? cards.Value : [], cards.Error?.Message);
        }
        else
        {
            _form.SetCards([]);
        }
    }

    private static string CardLabel(SavedCard card) =>
        $"{MerchantPortal.Payments.CardLabel.Brand(card.Brand)} •••• {card.Last4} (expires {card.Expiry}){(card.IsDefault ? " · default" : "")}";

    private static string ItemPrice(CatalogItemSummary item)
    {
        var currency = Currency.Of(item.Currency);
        return item.Type == ProductType.TopUp
            ? $"{new Money(item.MinAmountMinor, currency)}–{new Money(item.MaxAmountMinor, currency)}"
            : $"{new Money(item.UnitPriceMinor, currency)} each";
    }
}
