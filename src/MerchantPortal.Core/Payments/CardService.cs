using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Customer = MerchantPortal.Customers.Customer;

namespace MerchantPortal.Payments;

/// <summary>
/// A customer's saved cards, kept in Stripe: capture a new one through a SetupIntent (the card number goes
/// from the browser to Stripe, never through the portal), list, make default, remove. Audited.
/// </summary>
public sealed class CardService(
    IDbContextFactory<PortalDb> dbs,
    StripeClientFactory stripe,
    StripeCustomerLink customerLink,
    IOptionsMonitor<StripeOptions> options,
    AuditTrail audit)
{
    public async Task<Result<IReadOnlyList<SavedCard>>> ListAsync(Guid customerId, Actor actor, CancellationToken ct = default)
    {
        if (await FindCustomerAsync(customerId, actor, ct) is not { } customer)
        {
            return PaymentErrors.CustomerNotFound;
        }

        if (customer.StripeCustomerId is null)
        {
            return Result<IReadOnlyList<SavedCard>>.From([]);
        }

        if (!options.CurrentValue.IsConfigured)
        {
            return PaymentErrors.NotConfigured;
        }

        return await CallStripeAsync<IReadOnlyList<SavedCard>>(async () =>
        {
            var client = stripe.Client;
            var stripeCustomer = await new Stripe.CustomerService(client).GetAsync(customer.StripeCustomerId, cancellationToken: ct);
            var methods = await new PaymentMethodService(client).ListAsync(
                new PaymentMethodListOptions { Customer = customer.StripeCustomerId, Type = "card", Limit = 100 }, cancellationToken: ct);
            var defaultId = stripeCustomer.InvoiceSettings?.DefaultPaymentMethodId;
            return methods.Data
                .Where(m => m.Card is not null)
                .Select(m => new SavedCard(m.Id, m.Card.Brand, m.Card.Last4, m.Card.ExpMonth, m.Card.ExpYear, m.Id == defaultId))
                .ToList();
        });
    }

    /// <summary>Starts capturing a card: a SetupIntent for off-session use, returning to <paramref name="returnUrl"/>.</summary>
    public async Task<Result<CardSetup>> StartSetupAsync(Guid customerId, string returnUrl, Actor actor, CancellationToken ct = default)
    {
        if (!options.CurrentValue.IsConfigured)
        {
            return PaymentErrors.NotConfigured;
        }

        if (await FindCustomerAsync(customerId, actor, ct) is not { } customer)
        {
            return PaymentErrors.CustomerNotFound;
        }

        return await CallStripeAsync(async () =>
        {
            var stripeCustomerId = await customerLink.EnsureAsync(customer, ct);
            var intent = await new SetupIntentService(stripe.Client).CreateAsync(new SetupIntentCreateOptions
            {
                Customer = stripeCustomerId,
                Usage = "off_session",
                Metadata = new Dictionary<string, string> { ["portal_customer_id"] = customer.Id.ToString() },
            }, cancellationToken: ct);
            var current = options.CurrentValue;
            var formUrl = current.UsesSandbox && current.SandboxCardFormUrl is { } form
                ? $"{form}?client_secret={Uri.EscapeDataString(intent.ClientSecret)}&return_url={Uri.EscapeDataString(returnUrl)}"
                : null;
            return new CardSetup(intent.Id, intent.ClientSecret, current.PublishableKey ?? "", formUrl);
        });
    }

    /// <summary>Finishes a capture after the card form returned: the first card becomes the default.</summary>
    public async Task<Result<SavedCard>> CompleteSetupAsync(Guid customerId, string setupIntentId, Actor actor, CancellationToken ct = default)
    {
        if (await FindCustomerAsync(customerId, actor, ct) is not { StripeCustomerId: { } stripeCustomerId } customer)
        {
            return PaymentErrors.CustomerNotFound;
        }

        var saved = await CallStripeAsync<SavedCard?>(async () =>
        {
            var client = stripe.Client;
            var intent = await new SetupIntentService(client).GetAsync(setupIntentId, cancellationToken: ct);
            if (intent.Status != "succeeded" || intent.CustomerId != stripeCustomerId || intent.PaymentMethodId is null)
            {
                return null;
            }

            var method = await new PaymentMethodService(client).GetAsync(intent.PaymentMethodId, cancellationToken: ct);
            var stripeCustomer = await new Stripe.CustomerService(client).GetAsync(stripeCustomerId, cancellationToken: ct);
            var makeDefault = stripeCustomer.InvoiceSettings?.DefaultPaymentMethodId is null;
            if (makeDefault)
            {
                await SetDefaultInStripeAsync(client, stripeCustomerId, method.Id, ct);
            }

            return new SavedCard(method.Id, method.Card.Brand, method.Card.Last4, method.Card.ExpMonth, method.Card.ExpYear, makeDefault);
        });
        if (!saved.Succeeded)
        {
            return saved.Error!;
        }

        if (saved.Value is not { } card)
        {
            return PaymentErrors.SetupNotCompleted;
        }

        await AuditAsync(customer, actor, AuditActions.CardSaved, $"Saved {card.Brand} •••• {card.Last4} for {customer.DisplayName}", ct);
        return card;
    }

    public Task<Result> SetDefaultAsync(Guid customerId, string paymentMethodId, Actor actor, CancellationToken ct = default) =>
        ChangeCardAsync(customerId, paymentMethodId, actor, AuditActions.CardMadeDefault, "Made {0} the default card of {1}",
            (client, stripeCustomerId) => SetDefaultInStripeAsync(client, stripeCustomerId, paymentMethodId, ct), ct);

    /// <summary>Removes (detaches) a saved card from the customer.</summary>
    public Task<Result> RemoveAsync(Guid customerId, string paymentMethodId, Actor actor, CancellationToken ct = default) =>
        ChangeCardAsync(customerId, paymentMethodId, actor, AuditActions.CardRemoved, "Removed {0} from {1}",
            (client, _) => new PaymentMethodService(client).DetachAsync(paymentMethodId, cancellationToken: ct), ct);

    /// <summary>Checks the card is this customer's, makes the change in Stripe and audits it.</summary>
    private async Task<Result> ChangeCardAsync(
        Guid customerId, string paymentMethodId, Actor actor, string action, string detailsFormat,
        Func<IStripeClient, string, Task> change, CancellationToken ct)
    {
        if (await FindCustomerAsync(customerId, actor, ct) is not { StripeCustomerId: { } stripeCustomerId } customer)
        {
            return PaymentErrors.CustomerNotFound;
        }

        var done = await CallStripeAsync(async () =>
        {
            var client = stripe.Client;
            if (!await BelongsAsync(client, stripeCustomerId, paymentMethodId, ct))
            {
                return false;
            }

            await change(client, stripeCustomerId);
            return true;
        });
        if (!done.Succeeded)
        {
            return done.Error!;
        }

        if (!done.Value)
        {
            return PaymentErrors.CardNotFound;
        }

        await AuditAsync(customer, actor, action,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, detailsFormat, paymentMethodId, customer.DisplayName), ct);
        return Result.Success;
    }

    /// <summary>Whether the payment method is saved for this Stripe customer.</summary>
    internal static async Task<bool> BelongsAsync(IStripeClient client, string stripeCustomerId, string paymentMethodId, CancellationToken ct)
    {
        try
        {
            var method = await new PaymentMethodService(client).GetAsync(paymentMethodId, cancellationToken: ct);
            return method.CustomerId == stripeCustomerId;
        }
        catch (StripeException ex) when (ex.StripeError?.Code == "resource_missing")
        {
            return false;
        }
    }

    private static Task SetDefaultInStripeAsync(IStripeClient client, string stripeCustomerId, string paymentMethodId, CancellationToken ct) =>
        new Stripe.CustomerService(client).UpdateAsync(stripeCustomerId, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = paymentMethodId },
        }, cancellationToken: ct);

    private async Task AuditAsync(Customer customer, Actor actor, string action, string details, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        audit.Record(db, actor, action, "customer", customer.Id.ToString(), details, customer.MerchantId);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Customer?> FindCustomerAsync(Guid customerId, Actor actor, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == customerId && (actor.MerchantId == null || c.MerchantId == actor.MerchantId), ct);
    }

    private static async Task<Result<T>> CallStripeAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return Result<T>.From(await call());
        }
        catch (Exception ex) when (StripeFailures.IsUnavailable(ex))
        {
            return PaymentErrors.StripeUnavailable;
        }
    }
}
