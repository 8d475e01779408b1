using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Customers;

/// <summary>A merchant's customers: create-or-find by email or phone, search, details, editing (CustomerService.Editing.cs).</summary>
public sealed partial class CustomerService(IDbContextFactory<PortalDb> dbs, TimeProvider clock, AuditTrail audit, JobQueue jobs)
{
    /// <summary>
    /// The customers of the query's merchant (all merchants' for staff without one). A merchant actor only ever
    /// sees its own: another merchant named in the query gives an empty page.
    /// </summary>
    public async Task<Page<CustomerSummary>> SearchAsync(CustomerQuery query, Actor actor, CancellationToken ct = default)
    {
        if (query.MerchantId is { } asked && !actor.MaySee(asked))
        {
            return new Page<CustomerSummary>([], 0);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var customers = db.Customers.AsNoTracking();
        if ((actor.MerchantId ?? query.MerchantId) is { } merchantId)
        {
            customers = customers.Where(c => c.MerchantId == merchantId);
        }

        if (query.WithSavedCardsOnly)
        {
            customers = customers.Where(c => c.StripeCustomerId != null);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Like.Contains(query.Search);
            customers = customers.Where(c => EF.Functions.Like(c.Name!, pattern, Like.EscapeCharacter)
                || EF.Functions.Like(c.Email!, pattern, Like.EscapeCharacter)
                || EF.Functions.Like(c.Phone!, pattern, Like.EscapeCharacter));
        }

        var total = await customers.CountAsync(ct);
        var rows = await customers
            .OrderBy(c => c.Name ?? c.Email ?? c.Phone)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(c => new CustomerSummary(
                c.Id, c.MerchantId, c.Name ?? c.Email ?? c.Phone ?? "Customer", c.Email, c.Phone, c.CreatedAt,
                db.Orders.Count(o => o.CustomerId == c.Id), c.StripeCustomerId != null))
            .ToListAsync(ct);
        return new Page<CustomerSummary>(await WithOrderStatsAsync(db, rows, ct), total);
    }

    /// <summary>One customer, if it exists and the actor may see it.</summary>
    public async Task<CustomerSummary?> FindAsync(Guid customerId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId && (actor.MerchantId == null || c.MerchantId == actor.MerchantId))
            .Select(c => new CustomerSummary(
                c.Id, c.MerchantId, c.Name ?? c.Email ?? c.Phone ?? "Customer", c.Email, c.Phone, c.CreatedAt,
                db.Orders.Count(o => o.CustomerId == c.Id), c.StripeCustomerId != null))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Finds the merchant's customer by email or phone, or creates one.</summary>
    public async Task<Result<CustomerSummary>> FindOrCreateAsync(Guid merchantId, CustomerRef reference, Actor actor, CancellationToken ct = default)
    {
        if (actor.MerchantId is { } own && own != merchantId)
        {
            return CustomerErrors.MerchantNotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var resolved = await ResolveAsync(db, merchantId, reference, ct);
        if (!resolved.Succeeded)
        {
            return resolved.Error!;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Created at the same moment elsewhere: the second look finds it.
            return await FindOrCreateAsync(merchantId, reference, actor, ct);
        }

        var customer = resolved.Value;
        return new CustomerSummary(customer.Id, customer.MerchantId, customer.DisplayName, customer.Email, customer.Phone,
            customer.CreatedAt, 0, customer.StripeCustomerId != null);
    }

    /// <summary>
    /// The merchant's customer who already has the email (else the phone) given for a new one, and the field
    /// that matched — for the portal's "A customer with this email exists: … — use them?". A look-up only.
    /// </summary>
    public async Task<CustomerMatch?> FindTakenAsync(
        Guid merchantId, CustomerRef reference, Actor actor, CancellationToken ct = default)
    {
        if (!actor.MaySee(merchantId))
        {
            return null;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await FindTakenAsync(db, merchantId, reference with { CustomerId = null }, ct) is not { } taken)
        {
            return null;
        }

        var (customer, error) = taken;
        var orders = await db.Orders.CountAsync(o => o.CustomerId == customer.Id, ct);
        return new CustomerMatch(new CustomerSummary(customer.Id, customer.MerchantId, customer.DisplayName, customer.Email, customer.Phone,
            customer.CreatedAt, orders, customer.StripeCustomerId != null), error.Field!);
    }

    /// <summary>
    /// For a reference that must be a new customer: the existing customer holding its email (else its phone),
    /// with <see cref="CustomerErrors.EmailExists"/> or <see cref="CustomerErrors.PhoneExists"/>; null when both are free.
    /// </summary>
    internal static async Task<(Customer Customer, Error Error)?> FindTakenAsync(PortalDb db, Guid merchantId, CustomerRef reference, CancellationToken ct)
    {
        var normalized = ContactDetails.Normalize(reference);
        if (reference.CustomerId is not null || !normalized.Succeeded)
        {
            return null;
        }

        var email = normalized.Value.Email?.ToLowerInvariant();
        var phone = normalized.Value.Phone;
        if (email is not null
            && await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.MerchantId == merchantId && c.NormalizedEmail == email, ct) is { } byEmail)
        {
            return (byEmail, CustomerErrors.EmailExists);
        }

        if (phone is not null
            && await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.MerchantId == merchantId && c.Phone == phone, ct) is { } byPhone)
        {
            return (byPhone, CustomerErrors.PhoneExists);
        }

        return null;
    }

    /// <summary>
    /// Every problem with an order's customer reference that <see cref="ResolveAsync"/> would find, as one error
    /// (<see cref="Error.Combine"/>), without creating or changing anyone: an unknown id, invalid or missing
    /// details, and for a customer that must be new, details another customer already has.
    /// </summary>
    internal static async Task<Error?> CheckAsync(PortalDb db, Guid merchantId, CustomerRef reference, CancellationToken ct)
    {
        if (reference.CustomerId is { } id)
        {
            return await db.Customers.AnyAsync(c => c.Id == id && c.MerchantId == merchantId, ct) ? null : CustomerErrors.NotFound;
        }

        var normalized = ContactDetails.Normalize(reference);
        if (!normalized.Succeeded)
        {
            return normalized.Error;
        }

        if (normalized.Value is { Email: null, Phone: null })
        {
            return CustomerErrors.Required;
        }

        return reference.MustBeNew && await FindTakenAsync(db, merchantId, reference, ct) is { } taken ? taken.Error : null;
    }

    /// <summary>The merchant's existing customer matching the reference (by id, email or phone), without creating one.</summary>
    internal static async Task<Customer?> FindExistingAsync(PortalDb db, Guid merchantId, CustomerRef reference, CancellationToken ct)
    {
        if (reference.CustomerId is { } id)
        {
            return await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.MerchantId == merchantId, ct);
        }

        var normalized = ContactDetails.Normalize(reference);
        if (!normalized.Succeeded)
        {
            return null;
        }

        var email = normalized.Value.Email?.ToLowerInvariant();
        var phone = normalized.Value.Phone;
        return (email is null ? null
                : await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.MerchantId == merchantId && c.NormalizedEmail == email, ct))
            ?? (phone is null ? null
                : await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.MerchantId == merchantId && c.Phone == phone, ct));
    }

    /// <summary>
    /// Resolves the order's customer inside the caller's unit of work: by id (which must belong to the
    /// merchant), else by email, else by phone, else a new customer. The caller saves.
    /// </summary>
    internal async Task<Result<Customer>> ResolveAsync(PortalDb db, Guid merchantId, CustomerRef reference, CancellationToken ct)
    {
        if (reference.CustomerId is { } id)
        {
            var byId = await db.Customers.FirstOrDefaultAsync(c => c.Id == id && c.MerchantId == merchantId, ct);
            return byId is null ? CustomerErrors.NotFound : byId;
        }

        var normalized = ContactDetails.Normalize(reference);
        if (!normalized.Succeeded)
        {
            return normalized.Error!;
        }

        var (name, email, phone) = normalized.Value;
        if (email is null && phone is null)
        {
            return CustomerErrors.Required;
        }

        var lowerEmail = email?.ToLowerInvariant();
        var existing = (lowerEmail is null ? null
                : await db.Customers.FirstOrDefaultAsync(c => c.MerchantId == merchantId && c.NormalizedEmail == lowerEmail, ct))
            ?? (phone is null ? null
                : await db.Customers.FirstOrDefaultAsync(c => c.MerchantId == merchantId && c.Phone == phone, ct));
        if (existing is not null && reference.MustBeNew)
        {
            // Asked for a new customer: the one who has these details is the caller's to choose, never taken silently.
            return existing.NormalizedEmail is not null && existing.NormalizedEmail == lowerEmail ? CustomerErrors.EmailExists : CustomerErrors.PhoneExists;
        }

        if (existing is not null)
        {
            // Another customer may already own the other detail; then it is not copied over. The email was looked up
            // first, so it is this customer's or nobody's; the phone only when the email found no one.
            var phoneFree = phone is null || existing.Phone == phone || !await db.Customers.AnyAsync(
                c => c.MerchantId == merchantId && c.Id != existing.Id && c.Phone == phone, ct);
            existing.Complete(name, email, phoneFree ? phone : null);
            return existing;
        }

        var customer = Customer.Create(merchantId, name, email, phone, clock.GetUtcNow().UtcDateTime);
        db.Customers.Add(customer);
        return customer;
    }
}
