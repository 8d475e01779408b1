using System.Text.Json;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders.Api;

/// <summary>Turns a <see cref="CreateOrderRequest"/> into Core's <see cref="PlaceOrder"/>, or lists what is wrong with its shape.</summary>
internal static class CreateOrderMapping
{
    public static Result<PlaceOrder> ToPlaceOrder(CreateOrderRequest body, Guid merchantId, string? idempotencyKey, string defaultReturnUrl)
    {
        List<Error> errors = [];
        var single = body.ItemId is not null || body.Quantity is not null || body.Fields is not null;
        if (single && body.Lines is not null)
        {
            errors.Add(new Error("ORDER_SHAPE_CONFLICT", "Send either item_id (with quantity and fields) or lines, not both.", "lines"));
        }
        else if (single && body.ItemId is null)
        {
            errors.Add(new Error("ITEM_REQUIRED", "Say which item to order in item_id.", "item_id"));
        }

        if (body.Customer is not null && body.CustomerId is not null)
        {
            errors.Add(new Error("CUSTOMER_CONFLICT", "Send either customer or customer_id, not both.", "customer"));
        }

        var lines = single
            ? [Line(body.ItemId ?? 0, body.Quantity, body.Fields, "fields", errors)]
            : (body.Lines ?? []).Select((l, i) => Line(l.ItemId ?? 0, l.Quantity, l.Fields, $"lines[{i}].fields", errors)).ToList();
        if (Error.Combine(errors) is { } invalid)
        {
            return invalid;
        }

        var payment = body.Payment ?? new PaymentInput();
        return new PlaceOrder(
            merchantId,
            Customer(body),
            lines,
            new PaymentChoice(payment.Method, payment.PaymentMethodId, payment.Method == PaymentMethodKind.Card ? payment.ReturnUrl ?? defaultReturnUrl : null),
            OrderSource.Api,
            body.MerchantOrderId,
            idempotencyKey,
            body.Notes,
            body.Tags,
            body.Metadata,
            body.ExternalReference);
    }

    /// <summary>A single-item order's field names are the request's own (<c>quantity</c>, not <c>lines[0].quantity</c>).</summary>
    public static Error ForSingleItemShape(Error error, CreateOrderRequest body)
    {
        if (body.Lines is not null)
        {
            return error;
        }

        static string? Rename(string? field) => field?.StartsWith("lines[0].", StringComparison.Ordinal) == true ? field["lines[0].".Length..] : field;
        return error with { Field = Rename(error.Field), Errors = [.. error.Errors.Select(e => e with { Field = Rename(e.Field) })] };
    }

    private static CustomerRef Customer(CreateOrderRequest body)
    {
        if (body.CustomerId is { } id)
        {
            return new CustomerRef(CustomerId: id);
        }

        var c = body.Customer;
        var name = string.Join(' ', new[] { c?.FirstName, c?.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
        return new CustomerRef(Email: c?.Email, Phone: c?.Phone, Name: name.Length == 0 ? null : name);
    }

    private static PlaceOrderLine Line(long itemId, decimal? quantity, Dictionary<string, JsonElement>? fields, string path, List<Error> errors)
    {
        Dictionary<string, string?> values = [];
        foreach (var (key, value) in fields ?? [])
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    values[key] = value.GetString();
                    break;
                case JsonValueKind.Number:
                    values[key] = value.GetRawText();
                    break;
                case JsonValueKind.Null:
                    values[key] = null;
                    break;
                default:
                    errors.Add(new Error("FIELD_VALUE_INVALID", "A field's value is text (a string) or a choice's numeric id.", $"{path}.{key}"));
                    break;
            }
        }

        return new PlaceOrderLine(itemId, quantity, values);
    }
}
