using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MerchantPortal.Payments;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>Whether the order is for a customer the merchant already has, or one entered on the form.</summary>
public enum CustomerMode
{
    Existing,
    New,
}

/// <summary>
/// The new-order form: merchant, customer, lines, references and the live price. It builds the
/// <see cref="PlaceOrder"/> request — with one idempotency key for the form's whole life, so sending it
/// twice places one order — and places the service's errors next to the inputs they name.
/// </summary>
public sealed class NewOrderForm
{
    private static readonly string[] TopLevelInputs =
    [
        NewOrderErrorPaths.Lines, NewOrderErrorPaths.Customer, NewOrderErrorPaths.CustomerId, NewOrderErrorPaths.Payment,
        NewOrderErrorPaths.PaymentMethodId,
        NewOrderErrorPaths.MerchantOrderId, NewOrderErrorPaths.Notes,
    ];

    private static readonly string[] NewCustomerInputs =
        [NewOrderErrorPaths.CustomerName, NewOrderErrorPaths.CustomerEmail, NewOrderErrorPaths.CustomerPhone];

    private readonly List<NewOrderLine> _lines = [];
    private readonly Dictionary<string, string> _errors = [];
    private int _nextLineId;
    private CustomerSummary? _customer;
    private string? _customerEmail;
    private string? _customerPhone;

    /// <summary>Sent with every submission of this form, so a double click or a resubmit returns the first order.</summary>
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString();

    /// <summary>How the order is paid: the merchant balance, or one of the customer's saved cards.</summary>
    public PaymentMethodKind PaymentMethod { get; private set; } = PaymentMethodKind.Balance;

    /// <summary>The chosen customer's saved cards.</summary>
    public IReadOnlyList<SavedCard> Cards { get; private set; } = [];

    /// <summary>Why the chosen customer's cards could not be listed (Stripe did not answer), until a retry lists them.</summary>
    public string? CardsError { get; private set; }

    /// <summary>The card to charge, when paying by card.</summary>
    public string? CardId { get; set; }

    /// <summary>Where the payer returns after 3-D Secure; <c>{order_id}</c> stands for the new order.</summary>
    public string? PaymentReturnUrl { get; set; }

    /// <summary>True for merchant users, whose merchant is their own; admins choose one.</summary>
    public bool MerchantIsFixed { get; set; }

    public MerchantSummary? Merchant { get; private set; }

    /// <summary>The merchant's available balance, which pays the order.</summary>
    public Money? Balance { get; private set; }

    public CustomerMode CustomerMode { get; private set; } = CustomerMode.Existing;

    /// <summary>The chosen existing customer; choosing one clears the error asking for it.</summary>
    public CustomerSummary? Customer
    {
        get => _customer;
        set
        {
            if (_customer?.Id != value?.Id)
            {
                SetCards([]);
            }

            _customer = value;
            _errors.Remove(NewOrderErrorPaths.Customer);
            _errors.Remove(NewOrderErrorPaths.CustomerId);
        }
    }

    public string? CustomerName { get; set; }

    /// <summary>A new customer's email; changing it withdraws the offer of the customer who had the old one.</summary>
    public string? CustomerEmail
    {
        get => _customerEmail;
        set
        {
            if (value != _customerEmail && ExistingMatch is { Field: NewOrderErrorPaths.CustomerEmail })
            {
                ExistingMatch = null;
                _errors.Remove(NewOrderErrorPaths.CustomerEmail);
            }

            _customerEmail = value;
        }
    }

    /// <summary>A new customer's phone; changing it withdraws the offer of the customer who had the old one.</summary>
    public string? CustomerPhone
    {
        get => _customerPhone;
        set
        {
            if (value != _customerPhone && ExistingMatch is { Field: NewOrderErrorPaths.CustomerPhone })
            {
                ExistingMatch = null;
                _errors.Remove(NewOrderErrorPaths.CustomerPhone);
            }

            _customerPhone = value;
        }
    }

    /// <summary>
    /// The merchant's customer who already has the email (or phone) typed for a new one, offered instead: nothing
    /// is placed until the user uses them or changes the details.
    /// </summary>
    public CustomerMatch? ExistingMatch { get; private set; }

    /// <summary>The order this form was filled in from (e.g. one whose card payment failed), shown above the form.</summary>
    public string? PrefilledFrom { get; private set; }

    public string? MerchantOrderId { get; set; }

    public string? Notes { get; set; }

    public IReadOnlyList<NewOrderLine> Lines => _lines;

    /// <summary>An error that belongs to no input on the form; shown above the submit button.</summary>
    public string? GeneralError { get; private set; }

    public Currency? Currency => Merchant is null ? null : Monetary.Currency.Of(Merchant.Currency);

    /// <summary>Chooses the merchant; lines and customer of another merchant are cleared.</summary>
    public void SetMerchant(MerchantSummary merchant, Money? balance)
    {
        if (Merchant?.Id != merchant.Id)
        {
            _lines.Clear();
            Customer = null;
        }

        Merchant = merchant;
        Balance = balance;
        _errors.Remove(NewOrderErrorPaths.Merchant);
    }

    public void ClearMerchant()
    {
        Merchant = null;
        Balance = null;
        _lines.Clear();
        Customer = null;
    }

    /// <summary>Offers the customer who already has the typed email or phone (<see cref="ExistingMatch"/>).</summary>
    public void OfferExisting(CustomerMatch match)
    {
        if (CustomerMode == CustomerMode.New)
        {
            ExistingMatch = match;
        }
    }

    /// <summary>Places the order for the offered existing customer instead of a new one.</summary>
    public void UseExistingMatch()
    {
        if (ExistingMatch is { } match)
        {
            UseCustomer(match.Customer);
        }
    }

    /// <summary>Chooses one of the merchant's customers.</summary>
    public void UseCustomer(CustomerSummary customer)
    {
        SwitchCustomerMode(CustomerMode.Existing);
        Customer = customer;
    }

    /// <summary>Says which order the form was filled in from.</summary>
    public void MarkPrefilledFrom(string reference) => PrefilledFrom = reference;

    /// <summary>Switches between an existing and a new customer; errors about the customer no longer apply.</summary>
    public void SwitchCustomerMode(CustomerMode mode)
    {
        CustomerMode = mode;
        ExistingMatch = null;
        _errors.Remove(NewOrderErrorPaths.Customer);
        _errors.Remove(NewOrderErrorPaths.CustomerId);
        foreach (var input in NewCustomerInputs)
        {
            _errors.Remove(input);
        }
    }

    public NewOrderLine AddLine(CatalogItem item, int? stock)
    {
        var line = new NewOrderLine(++_nextLineId, item, stock);
        _lines.Add(line);
        _errors.Remove(NewOrderErrorPaths.Lines);
        return line;
    }

    public void RemoveLine(NewOrderLine line) => _lines.Remove(line);

    /// <summary>Each line with its price (null while incomplete) and the totals of the priced lines.</summary>
    public PriceBreakdown Breakdown()
    {
        var currency = Currency;
        if (Merchant is null || currency is null)
        {
            return PriceBreakdown.Empty;
        }

        var lines = _lines.Select(l => new PricedFormLine(l, l.Price(Merchant.FeeBasisPoints, Merchant.TaxBasisPoints))).ToList();
        var priced = lines.Where(l => l.Price is not null).Select(l => l.Price!).ToList();
        return new PriceBreakdown(
            lines,
            new Money(priced.Sum(p => p.SubtotalMinor), currency),
            new Money(priced.Sum(p => p.FeeMinor), currency),
            new Money(priced.Sum(p => p.TaxMinor), currency),
            new Money(priced.Sum(p => p.TotalMinor), currency));
    }

    /// <summary>True when the order is paid from the balance and its total is more than the available balance.</summary>
    public bool ExceedsBalance => PaymentMethod == PaymentMethodKind.Balance
        && Balance is { } balance && Breakdown().Total is { } total && total.Minor > balance.Minor;

    /// <summary>The customer's cards; the default one is chosen, and without cards the order falls back to the balance.</summary>
    public void SetCards(IReadOnlyList<SavedCard> cards, string? error = null)
    {
        Cards = cards;
        CardsError = error;
        CardId = (cards.FirstOrDefault(c => c.IsDefault) ?? (cards.Count > 0 ? cards[0] : null))?.PaymentMethodId;
        if (cards.Count == 0)
        {
            PaymentMethod = PaymentMethodKind.Balance;
        }
    }

    public void ChoosePayment(PaymentMethodKind method)
    {
        PaymentMethod = method;
        _errors.Remove(NewOrderErrorPaths.Payment);
        _errors.Remove(NewOrderErrorPaths.PaymentMethodId);
    }

    /// <summary>After a declined card the next attempt is a new order, so it gets a new idempotency key.</summary>
    public void StartNewAttempt() => IdempotencyKey = Guid.NewGuid().ToString();

    /// <summary>
    /// The one check the form makes itself: without a merchant there is no request to ask the service about. Everything
    /// else — the customer, the card, the lines and their quantities — is the service's to judge (<c>CheckAsync</c>).
    /// </summary>
    public bool CheckMerchant()
    {
        ClearErrors();
        if (Merchant is null)
        {
            Show(OrderErrors.MerchantRequired);
            return false;
        }

        return true;
    }

    public PlaceOrder ToRequest() => new(
        Merchant?.Id ?? throw new InvalidOperationException("Choose a merchant before placing the order."),
        CustomerMode == CustomerMode.Existing
            ? new CustomerRef(CustomerId: Customer?.Id)
            : new CustomerRef(Email: Blank(CustomerEmail), Phone: Blank(CustomerPhone), Name: Blank(CustomerName), MustBeNew: true),
        [.. _lines.Select(l => l.ToRequest())],
        PaymentMethod == PaymentMethodKind.Card ? new PaymentChoice(PaymentMethodKind.Card, CardId, PaymentReturnUrl) : PaymentChoice.Balance,
        OrderSource.Dashboard,
        Blank(MerchantOrderId),
        IdempotencyKey,
        Blank(Notes));

    /// <summary>
    /// The error shown at a top-level input (<see cref="NewOrderErrorPaths"/>): the service's, else — as the user
    /// types — the service's own message for text longer than it accepts (the inputs count, they never cut).
    /// </summary>
    public string? ErrorFor(string path) => _errors.GetValueOrDefault(path) ?? LengthError(path);

    public void ClearErrors()
    {
        _errors.Clear();
        GeneralError = null;
        ExistingMatch = null;
        foreach (var line in _lines)
        {
            line.ClearErrors();
        }
    }

    /// <summary>
    /// Shows each error (all of a combined validation failure) next to the input its field path names, or as
    /// the general error if no input on the form matches. With <paramref name="keepShown"/>, an input that already
    /// shows an error (the form's own, more specific one) keeps it.
    /// </summary>
    public void Show(Error error, bool keepShown = false)
    {
        foreach (var each in error.Flatten())
        {
            ShowOne(each, keepShown);
        }
    }

    private string? LengthError(string path) => path switch
    {
        NewOrderErrorPaths.MerchantOrderId when MerchantOrderId?.Trim().Length > OrderErrors.MaxMerchantOrderIdLength =>
            OrderErrors.MerchantOrderIdTooLong.Message,
        NewOrderErrorPaths.Notes when Notes?.Trim().Length > OrderErrors.MaxNotesLength => OrderErrors.NotesTooLong.Message,
        NewOrderErrorPaths.CustomerName when CustomerMode == CustomerMode.New && CustomerName?.Trim().Length > CustomerErrors.MaxNameLength =>
            CustomerErrors.NameTooLong.Message,
        NewOrderErrorPaths.CustomerEmail when CustomerMode == CustomerMode.New && CustomerEmail?.Trim().Length > CustomerErrors.MaxEmailLength =>
            CustomerErrors.EmailInvalid.Message,
        _ => null,
    };

    private void ShowOne(Error error, bool keepShown)
    {
        var path = error.Field ?? "";
        if (NewOrderErrorPaths.TryParseLine(path, out var index, out var input) && index < _lines.Count && IsLineInput(_lines[index], input))
        {
            if (!keepShown || _lines[index].ErrorFor(input) is null)
            {
                _lines[index].SetError(input, error.Message);
            }
        }
        else if (TopLevelInputs.Contains(path)
            || (path == NewOrderErrorPaths.Merchant && !MerchantIsFixed)
            || (CustomerMode == CustomerMode.New && NewCustomerInputs.Contains(path)))
        {
            if (!keepShown || !_errors.ContainsKey(path))
            {
                _errors[path] = error.Message;
            }
        }
        else if (!keepShown || GeneralError is null)
        {
            GeneralError = error.Message;
        }
    }

    private static bool IsLineInput(NewOrderLine line, string input) =>
        input == NewOrderErrorPaths.Item
        || (input == NewOrderErrorPaths.Quantity && line.Item.Type != ProductType.Service)
        || line.Item.Fields.Any(f => NewOrderErrorPaths.Field(f.Key) == input);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A form line and its price, or null while its quantity or amount is incomplete.</summary>
public sealed record PricedFormLine(NewOrderLine Line, LinePrice? Price);

/// <summary>The live price of the form: every line, and the totals of the lines that can be priced.</summary>
public sealed record PriceBreakdown(IReadOnlyList<PricedFormLine> Lines, Money? Subtotal, Money? Fees, Money? Taxes, Money? Total)
{
    public static PriceBreakdown Empty { get; } = new([], null, null, null, null);
}
