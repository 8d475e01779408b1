using MerchantPortal.Catalog;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// One line of the new-order form: the chosen item, its quantity (keys), amount (top-ups) and field
/// values, and the errors the order service reported for it.
/// </summary>
public sealed class NewOrderLine
{
    private readonly Dictionary<string, string?> _fieldValues = [];
    private readonly Dictionary<string, string> _errors = [];
    private int? _quantity;
    private decimal? _amount;

    internal NewOrderLine(int id, CatalogItem item, int? stock)
    {
        Id = id;
        Item = item;
        Stock = stock;
        _quantity = item.Type == ProductType.Key ? Math.Max(1, item.MinQuantity) : null;
    }

    /// <summary>Identifies the line while the form is open, also after other lines are removed.</summary>
    public int Id { get; }

    public CatalogItem Item { get; }

    /// <summary>Unsold codes when the item was added (keys only).</summary>
    public int? Stock { get; }

    public Currency Currency => Currency.Of(Item.Currency);

    /// <summary>How many codes (keys only).</summary>
    public int? Quantity
    {
        get => _quantity;
        set
        {
            _quantity = value;
            _errors.Remove(NewOrderErrorPaths.Quantity);
        }
    }

    /// <summary>The face value in major units, e.g. 25.00 (top-ups only).</summary>
    public decimal? Amount
    {
        get => _amount;
        set
        {
            _amount = value;
            _errors.Remove(NewOrderErrorPaths.Quantity);
        }
    }

    /// <summary>True when more codes are asked for than are in stock: the order would end partial.</summary>
    public bool ExceedsStock => Item.Type == ProductType.Key && Stock is { } stock && Quantity > stock;

    /// <summary>The allowed quantities or amounts, e.g. "Between 1 and 10" or "€5.00–€100.00 in steps of €5.00".</summary>
    public string QuantityHint => Item.Type switch
    {
        ProductType.Key => $"Between {Item.MinQuantity} and {Item.MaxQuantity}",
        ProductType.TopUp => $"{Format(Item.MinAmountMinor)}–{Format(Item.MaxAmountMinor)} in steps of {Format(Item.StepMinor)}",
        _ => "Ordered once",
    };

    /// <summary>What the service is sent as the quantity: the count, the face value, or nothing for a service.</summary>
    public decimal? RequestQuantity => Item.Type switch
    {
        // A cleared quantity is not the API's default of one: zero lets the service say what the range is.
        ProductType.Key => Quantity ?? 0,
        ProductType.TopUp => Amount,
        _ => null,
    };

    public string? FieldValue(string key) => _fieldValues.GetValueOrDefault(key);

    public void SetFieldValue(string key, string? value)
    {
        _fieldValues[key] = value;
        _errors.Remove(NewOrderErrorPaths.Field(key));
    }

    /// <summary>
    /// The problem with a field: the service's error once it has answered, else (as the user types) the
    /// same check the service makes, so a wrong format shows before submitting. An empty value is only
    /// reported by the service, so untouched fields do not start out red.
    /// </summary>
    public string? FieldProblem(ItemField field)
    {
        if (_errors.TryGetValue(NewOrderErrorPaths.Field(field.Key), out var error))
        {
            return error;
        }

        var value = FieldValue(field.Key);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var result = FieldValidation.Validate([field], new Dictionary<string, string?> { [field.Key] = value }, "field");
        return result.Succeeded ? null : result.Error!.Message;
    }

    /// <summary>The error shown at one of the line's inputs: <c>quantity</c>, <c>item_id</c> or <c>fields.key</c>.</summary>
    public string? ErrorFor(string path) => _errors.GetValueOrDefault(path);

    /// <summary>The line's price with the merchant's fee and tax (or the item's own), or null while the quantity is incomplete.</summary>
    public LinePrice? Price(int feeBasisPoints, int taxBasisPoints)
    {
        switch (Item.Type)
        {
            case ProductType.Key:
                return Quantity is { } units && units > 0 ? OrderPricing.Price(Item, units, null, feeBasisPoints, taxBasisPoints) : null;
            case ProductType.TopUp:
                return Amount is { } amount && amount > 0 && Money.TryFromMajor(amount, Currency, out var face)
                    ? OrderPricing.Price(Item, 1, face.Minor, feeBasisPoints, taxBasisPoints)
                    : null;
            default:
                return OrderPricing.Price(Item, 1, null, feeBasisPoints, taxBasisPoints);
        }
    }

    internal PlaceOrderLine ToRequest() => new(
        Item.Id,
        RequestQuantity,
        _fieldValues.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value));

    internal void SetError(string path, string message) => _errors[path] = message;

    internal void ClearErrors() => _errors.Clear();

    private string Format(long minor) => new Money(minor, Currency).ToString();
}
