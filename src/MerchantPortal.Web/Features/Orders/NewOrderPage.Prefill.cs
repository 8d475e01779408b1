using MerchantPortal.Catalog;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MudBlazor;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// The new-order form filled in from an earlier order (<c>/orders/new?from={id}&amp;pay=card|balance</c>), or for a
/// customer (<c>/orders/new?customer={id}</c>).
/// </summary>
public sealed partial class NewOrderPage
{
    /// <summary>
    /// Fills the form in from an earlier order of the merchant: its customer, its lines (items still sold), its
    /// notes and, when asked, its card. The merchant order id is left out: it belongs to that order.
    /// </summary>
    private async Task PrefillAsync(Guid orderId)
    {
        if (await OrderQueries.GetAsync(orderId, _actor) is not { } source)
        {
            return;
        }

        var order = source.Order;
        if (_form.Merchant?.Id != order.MerchantId)
        {
            await SelectMerchantAsync(order.MerchantId);
        }

        _form.UseCustomer(source.Customer);
        await LoadCardsAsync();
        var leftOut = new List<string>();
        foreach (var line in order.Lines.OrderBy(l => l.LineNumber))
        {
            if (await Catalog.GetAsync(line.ItemId, _actor) is not { Item.IsActive: true } item)
            {
                leftOut.Add(line.Name);
                continue;
            }

            var copy = _form.AddLine(item.Item, item.Stock);
            if (line.Type == ProductType.Key)
            {
                copy.Quantity = line.Units;
            }
            else if (line.Type == ProductType.TopUp && line.FaceValueMinor is { } face)
            {
                copy.Amount = new Money(face, copy.Currency).ToMajor();
            }

            foreach (var field in line.Fields)
            {
                copy.SetFieldValue(field.Key, field.Value);
            }
        }

        _form.Notes = order.Notes;
        if (string.Equals(PayWith, "card", StringComparison.OrdinalIgnoreCase) && order.PaymentMethodId is { } card
            && _form.Cards.Any(c => c.PaymentMethodId == card))
        {
            _form.ChoosePayment(PaymentMethodKind.Card);
            _form.CardId = card;
        }
        else
        {
            _form.ChoosePayment(PaymentMethodKind.Balance);
        }

        _form.MarkPrefilledFrom(order.Reference);
        if (leftOut.Count > 0)
        {
            Snackbar.Add($"Left out, no longer sold: {string.Join(", ", leftOut)}.", Severity.Warning);
        }
    }

    /// <summary>Chooses the merchant's customer (and their merchant, for staff); an unknown or foreign one is ignored.</summary>
    private async Task PrefillCustomerAsync(Guid customerId)
    {
        if (await Customers.FindAsync(customerId, _actor) is not { } customer)
        {
            return;
        }

        if (_form.Merchant?.Id != customer.MerchantId)
        {
            await SelectMerchantAsync(customer.MerchantId);
        }

        _form.UseCustomer(customer);
        await LoadCardsAsync();
    }
}
