using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Customers;

public sealed partial class CustomerService
{
    /// <summary>The longest stretch of notes quoted in an audit entry, before and after, so the entry stays within its column.</summary>
    private const int AuditedNotesLength = 500;

    /// <summary>
    /// The customer's page: details, notes, lifetime spend per currency, latest order and the "since" date; null when
    /// it does not exist or belongs to a merchant the actor may not see.
    /// </summary>
    public async Task<CustomerProfile?> GetProfileAsync(Guid customerId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        return customer is null || !actor.MaySee(customer.MerchantId) ? null : await ProfileAsync(db, customer, ct);
    }

    /// <summary>
    /// Replaces the customer's name, email, phone and notes, in one transaction with an audit entry that shows each
    /// changed value before and after. Every problem comes back at once, each at its field; an email or phone another
    /// customer of the merchant has is one of them. Merchant users edit their own merchant's customers, admins any;
    /// support reads only (<see cref="Capability.EditCustomers"/>).
    /// </summary>
    public async Task<Result<CustomerProfile>> UpdateAsync(Guid customerId, UpdateCustomer request, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null || !actor.MaySee(customer.MerchantId))
        {
            return CustomerErrors.NotFound;
        }

        if (!actor.Can(Capability.EditCustomers))
        {
            return CustomerErrors.EditNotAllowed;
        }

        if (request.ExpectedVersion is { } expected && expected != customer.Version)
        {
            return CustomerErrors.ChangedElsewhere;
        }

        var checkedDetails = await CheckEditAsync(db, customer, request, ct);
        if (!checkedDetails.Succeeded)
        {
            return checkedDetails.Error!;
        }

        var (name, email, phone, notes) = checkedDetails.Value;
        var changes = Changes(customer, name, email, phone, notes);
        if (changes.Count == 0)
        {
            return await ProfileAsync(db, customer, ct);
        }

        var before = customer.DisplayName;
        customer.Edit(name, email, phone, notes);
        audit.Record(db, actor, AuditActions.CustomerUpdated, "customer", customer.Id.ToString(),
            $"Changed customer {before}: {string.Join("; ", changes.Select(Describe))}", customer.MerchantId, changes);
        if (customer.StripeCustomerId is not null && changes.Any(c => c.Field != "notes"))
        {
            // In the same transaction, so Stripe's copy (receipts, the Dashboard) follows even if Stripe is down right now.
            jobs.Enqueue(db, JobTypes.SyncStripeCustomer, customer.Id.ToString());
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CustomerErrors.ChangedElsewhere;
        }
        catch (DbUpdateException)
        {
            // Another customer took the email or phone between the check and the write (the unique indexes refuse it).
            return email is not null ? CustomerErrors.EmailExists : CustomerErrors.PhoneExists;
        }

        return await ProfileAsync(db, customer, ct);
    }

    private sealed record EditedDetails(string? Name, string? Email, string? Phone, string? Notes);

    /// <summary>Every problem with the new details, combined (<see cref="Error.Combine"/>), or the normalised details.</summary>
    private static async Task<Result<EditedDetails>> CheckEditAsync(PortalDb db, Customer customer, UpdateCustomer request, CancellationToken ct)
    {
        var errors = new List<Error>();
        var name = ContactDetails.Normalize(new CustomerRef(Name: request.Name));
        var email = ContactDetails.Normalize(new CustomerRef(Email: request.Email));
        var phone = ContactDetails.Normalize(new CustomerRef(Phone: request.Phone));
        foreach (var part in new[] { name, email, phone }.Where(p => !p.Succeeded))
        {
            errors.AddRange(part.Error!.Flatten());
        }

        if (email.Succeeded && email.Value.Email is { } newEmail)
        {
            var lower = newEmail.ToLowerInvariant();
            if (await db.Customers.AnyAsync(c => c.MerchantId == customer.MerchantId && c.Id != customer.Id && c.NormalizedEmail == lower, ct))
            {
                errors.Add(CustomerErrors.EmailExists);
            }
        }

        if (phone.Succeeded && phone.Value.Phone is { } newPhone
            && await db.Customers.AnyAsync(c => c.MerchantId == customer.MerchantId && c.Id != customer.Id && c.Phone == newPhone, ct))
        {
            errors.Add(CustomerErrors.PhoneExists);
        }

        if (string.IsNullOrWhiteSpace(request.Email) && string.IsNullOrWhiteSpace(request.Phone))
        {
            errors.Add(CustomerErrors.ContactRequired);
        }

        var notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        if (notes?.Length > CustomerErrors.MaxNotesLength)
        {
            errors.Add(CustomerErrors.NotesTooLong);
        }

        return Error.Combine(errors) is { } invalid
            ? invalid
            : new EditedDetails(name.Value.Name, email.Value.Email, phone.Value.Phone, notes);
    }

    /// <summary>Each changed field with its value before and after, for the audit entry (long notes shortened).</summary>
    private static List<AuditChange> Changes(Customer customer, string? name, string? email, string? phone, string? notes)
    {
        var changes = AuditChange.Diff(("name", customer.Name, name), ("email", customer.Email, email), ("phone", customer.Phone, phone)).ToList();
        if (!string.Equals(customer.Notes, notes, StringComparison.Ordinal))
        {
            changes.Add(new AuditChange("notes", Shorten(customer.Notes), Shorten(notes)));
        }

        return changes;

        static string? Shorten(string? value) => value?.Length > AuditedNotesLength ? value[..AuditedNotesLength] + "…" : value;
    }

    private static string Describe(AuditChange change) => $"{change.Field} {Quote(change.Before)} → {Quote(change.After)}";

    private static string Quote(string? value) => value is null ? "(none)" : $"\"{value}\"";

    private static async Task<CustomerProfile> ProfileAsync(PortalDb db, Customer customer, CancellationToken ct)
    {
        var summary = (await WithOrderStatsAsync(db, [Summarize(customer, await db.Orders.CountAsync(o => o.CustomerId == customer.Id, ct))], ct))[0];
        var last = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customer.Id)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number)
            .Select(o => new { o.Id, o.Number, o.CreatedAt })
            .FirstOrDefaultAsync(ct);
        return new CustomerProfile(summary, customer.Name, customer.Notes, summary.Since, summary.LifetimeSpend,
            last is null ? null : new CustomerLastOrder(last.Id, Order.FormatReference(last.Number), last.CreatedAt), customer.Version);
    }

    private static CustomerSummary Summarize(Customer customer, int orderCount) => new(
        customer.Id, customer.MerchantId, customer.DisplayName, customer.Email, customer.Phone, customer.CreatedAt, orderCount,
        customer.StripeCustomerId != null);

    /// <summary>
    /// Adds lifetime spend, latest order and the "since" date to a page of customers with one grouped query over
    /// their orders (per customer and currency), never one query per customer. Spend counts orders whose payment
    /// went through (paid, partly or fully refunded), less what refunds returned.
    /// </summary>
    private static async Task<IReadOnlyList<CustomerSummary>> WithOrderStatsAsync(PortalDb db, IReadOnlyList<CustomerSummary> customers, CancellationToken ct)
    {
        if (customers.Count == 0)
        {
            return customers;
        }

        var ids = customers.Select(c => c.Id).ToList();
        var stats = await db.Orders.AsNoTracking()
            .Where(o => ids.Contains(o.CustomerId))
            .GroupBy(o => new { o.CustomerId, o.Currency })
            .Select(g => new
            {
                g.Key.CustomerId,
                g.Key.Currency,
                Spent = g.Sum(o => o.PaymentStatus == PaymentStatus.Paid || o.PaymentStatus == PaymentStatus.PartiallyRefunded
                    || o.PaymentStatus == PaymentStatus.Refunded ? o.TotalMinor - o.RefundedMinor : 0L),
                First = g.Min(o => o.CreatedAt),
                Last = g.Max(o => o.CreatedAt),
            })
            .ToListAsync(ct);
        var byCustomer = stats.ToLookup(s => s.CustomerId);
        return [.. customers.Select(c => byCustomer[c.Id].ToList() is { Count: > 0 } rows
            ? c with
            {
                LifetimeSpend = [.. rows.Where(r => r.Spent != 0).OrderBy(r => r.Currency, StringComparer.Ordinal).Select(r => new CustomerSpend(r.Currency, r.Spent))],
                LastOrderAt = rows.Max(r => r.Last),
                Since = rows.Min(r => r.First) is var first && first < c.CreatedAt ? first : c.CreatedAt,
            }
            : c)];
    }
}
