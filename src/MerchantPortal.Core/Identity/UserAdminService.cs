using System.Net.Mail;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Identity;

/// <summary>
/// Creates users and changes their role, merchant and lockout. Every change is audited in the same
/// transaction and renews the user's security stamp, so open sessions pick it up at their next
/// revalidation. Each call works in its own scope (its own DbContext and UserManager), so the service
/// is safe to hold for the life of a Blazor circuit.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, AuditTrail audit, TimeProvider clock)
{
    public Task<Page<UserSummary>> SearchAsync(UserQuery query, CancellationToken ct = default) =>
        InScopeAsync(async (db, _) =>
        {
            var rows =
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId into userRoles
                from userRole in userRoles.DefaultIfEmpty()
                join role in db.Roles on userRole.RoleId equals role.Id into roles
                from role in roles.DefaultIfEmpty()
                join merchant in db.Merchants on user.MerchantId equals merchant.Id into merchants
                from merchant in merchants.DefaultIfEmpty()
                select new { user, RoleName = role.Name, MerchantName = merchant.Name };

            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = Like.Contains(query.Search);
                rows = rows.Where(r => EF.Functions.Like(r.user.Email!, pattern, Like.EscapeCharacter)
                    || EF.Functions.Like(r.user.DisplayName, pattern, Like.EscapeCharacter)
                    || EF.Functions.Like(r.MerchantName, pattern, Like.EscapeCharacter));
            }

            if (Roles.IsKnown(query.Role))
            {
                rows = rows.Where(r => r.RoleName == query.Role);
            }

            if (query.MerchantId is { } merchantId)
            {
                rows = rows.Where(r => r.user.MerchantId == merchantId);
            }

            var total = await rows.CountAsync(ct);
            var page = await rows
                .OrderBy(r => r.user.Email)
                .Skip(Math.Max(0, query.Page) * query.PageSize)
                .Take(query.PageSize)
                .ToListAsync(ct);

            var now = clock.GetUtcNow();
            return new Page<UserSummary>([.. page.Select(r => ToSummary(r.user, r.RoleName ?? "", r.MerchantName, now))], total);
        });

    public Task<UserSummary?> FindAsync(string userId, CancellationToken ct = default) =>
        InScopeAsync((db, _) => SummarizeAsync(db, userId, ct));

    public Task<Result<UserSummary>> CreateAsync(CreateUser request, Actor actor, CancellationToken ct = default) =>
        InScopeAsync<Result<UserSummary>>(async (db, users) =>
        {
            var email = request.Email?.Trim() ?? "";
            // An empty password, unlike none, means one was meant to be set; it is reported with the profile's problems.
            var profile = await ValidateProfileAsync(db, ValidateEmail(email), request.DisplayName, request.Role, request.MerchantId, ct);
            if (Error.Combine([.. profile?.Flatten() ?? [], .. request.Password is { Length: 0 } ? [UserErrors.PasswordRequired] : Array.Empty<Error>()])
                is { } invalid)
            {
                return invalid;
            }

            if (await users.FindByEmailAsync(email) is not null)
            {
                return UserErrors.EmailTaken;
            }

            var user = new PortalUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = request.DisplayName.Trim(),
                MerchantId = request.MerchantId,
                IsTeamAdmin = request.IsTeamAdmin && request.Role == Roles.Merchant,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var created = string.IsNullOrEmpty(request.Password)
                ? await users.CreateAsync(user)
                : await users.CreateAsync(user, request.Password);
            if (!created.Succeeded)
            {
                return ToError(created);
            }

            await users.AddToRoleAsync(user, request.Role);
            audit.Record(db, actor, AuditActions.UserCreated, "user", user.Id,
                $"Created {email} as {request.Role}{(user.IsTeamAdmin ? " (team admin)" : "")}", user.MerchantId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (await SummarizeAsync(db, user.Id, ct))!;
        });

    public Task<Result<UserSummary>> UpdateAsync(string userId, UpdateUser request, Actor actor, CancellationToken ct = default) =>
        InScopeAsync<Result<UserSummary>>(async (db, users) =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return UserErrors.NotFound;
            }

            if (await ValidateProfileAsync(db, null, request.DisplayName, request.Role, request.MerchantId, ct) is { } invalid)
            {
                return invalid;
            }

            var currentRole = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            var teamAdmin = request.IsTeamAdmin && request.Role == Roles.Merchant;
            var accessChanges = currentRole != request.Role || user.MerchantId != request.MerchantId || user.IsTeamAdmin != teamAdmin;
            if (accessChanges && user.Id == actor.Id)
            {
                return UserErrors.CannotChangeOwnRole;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var newName = request.DisplayName.Trim();
            if (user.DisplayName != newName)
            {
                audit.Record(db, actor, AuditActions.UserUpdated, "user", user.Id,
                    $"Renamed {user.Email} from \"{user.DisplayName}\" to \"{newName}\"", user.MerchantId,
                    [new AuditChange("name", user.DisplayName, newName)]);
                user.DisplayName = newName;
            }

            if (accessChanges)
            {
                if (currentRole != "")
                {
                    await users.RemoveFromRoleAsync(user, currentRole);
                }

                await users.AddToRoleAsync(user, request.Role);
                var before = await DescribeAccessAsync(db, currentRole, user.MerchantId, user.IsTeamAdmin, ct);
                var after = await DescribeAccessAsync(db, request.Role, request.MerchantId, teamAdmin, ct);
                audit.Record(db, actor, AuditActions.UserRoleChanged, "user", user.Id, $"Changed {user.Email} from {before} to {after}",
                    request.MerchantId ?? user.MerchantId, [new AuditChange("access", before, after)]);
                user.MerchantId = request.MerchantId;
                user.IsTeamAdmin = teamAdmin;
            }

            await users.UpdateAsync(user);
            if (accessChanges)
            {
                // Ends the user's open sessions at their next revalidation, so the new role applies at once.
                await users.UpdateSecurityStampAsync(user);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (await SummarizeAsync(db, user.Id, ct))!;
        });

    /// <summary>Locks the account until an admin unlocks it, and ends its open sessions.</summary>
    public Task<Result<UserSummary>> LockAsync(string userId, Actor actor, CancellationToken ct = default) =>
        InScopeAsync<Result<UserSummary>>(async (db, users) =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return UserErrors.NotFound;
            }

            if (user.Id == actor.Id)
            {
                return UserErrors.CannotLockSelf;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            audit.Record(db, actor, AuditActions.UserLocked, "user", user.Id, $"Locked {user.Email}", user.MerchantId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (await SummarizeAsync(db, user.Id, ct))!;
        });

    /// <summary>Lifts a lock set by an admin or by too many wrong passwords.</summary>
    public Task<Result<UserSummary>> UnlockAsync(string userId, Actor actor, CancellationToken ct = default) =>
        InScopeAsync<Result<UserSummary>>(async (db, users) =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return UserErrors.NotFound;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            audit.Record(db, actor, AuditActions.UserUnlocked, "user", user.Id, $"Unlocked {user.Email}", user.MerchantId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (await SummarizeAsync(db, user.Id, ct))!;
        });

    /// <summary>
    /// Creates a one-time password link for the user (an invitation or a reset) and records who asked
    /// for it. The caller turns the token into a URL and sends it.
    /// </summary>
    public Task<Result<PasswordLinkToken>> CreatePasswordLinkAsync(string userId, Actor actor, CancellationToken ct = default) =>
        InScopeAsync<Result<PasswordLinkToken>>(async (db, users) =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return UserErrors.NotFound;
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            audit.Record(db, actor, AuditActions.UserPasswordResetSent, "user", user.Id,
                $"Sent a password link to {user.Email}", user.MerchantId);
            await db.SaveChangesAsync(ct);
            return new PasswordLinkToken(user, token);
        });

    private async Task<T> InScopeAsync<T>(Func<PortalDb, UserManager<PortalUser>, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await work(services.GetRequiredService<PortalDb>(), services.GetRequiredService<UserManager<PortalUser>>());
    }

    private async Task<UserSummary?> SummarizeAsync(PortalDb db, string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return null;
        }

        var role = await (from userRole in db.UserRoles
                          join r in db.Roles on userRole.RoleId equals r.Id
                          where userRole.UserId == userId
                          select r.Name).FirstOrDefaultAsync(ct);
        var merchantName = user.MerchantId is { } merchantId
            ? await db.Merchants.Where(m => m.Id == merchantId).Select(m => m.Name).FirstOrDefaultAsync(ct)
            : null;
        return ToSummary(user, role ?? "", merchantName, clock.GetUtcNow());
    }

    /// <summary>
    /// Every problem with a user's email (checked by the caller), name, role and merchant, as one error
    /// (<see cref="Error.Combine"/>).
    /// </summary>
    private static async Task<Error?> ValidateProfileAsync(
        PortalDb db, Error? emailError, string? displayName, string? role, Guid? merchantId, CancellationToken ct)
    {
        var errors = new List<Error>();
        if (emailError is not null)
        {
            errors.Add(emailError);
        }

        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add(UserErrors.DisplayNameRequired);
        }
        else if (displayName.Trim().Length > UserErrors.MaxDisplayNameLength)
        {
            errors.Add(UserErrors.DisplayNameTooLong);
        }

        if (!Roles.IsKnown(role))
        {
            errors.Add(UserErrors.RoleInvalid);
        }
        else if (role == Roles.Merchant && merchantId is null)
        {
            errors.Add(UserErrors.MerchantRequired);
        }
        else if (role != Roles.Merchant && merchantId is not null)
        {
            errors.Add(UserErrors.MerchantNotAllowed);
        }
        else if (merchantId is { } id && !await db.Merchants.AnyAsync(m => m.Id == id, ct))
        {
            errors.Add(UserErrors.MerchantNotFound);
        }

        return Error.Combine(errors);
    }

    private static Error? ValidateEmail(string email)
    {
        if (email.Length == 0)
        {
            return UserErrors.EmailRequired;
        }

        return email.Length <= UserErrors.MaxEmailLength && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email
            ? null
            : UserErrors.EmailInvalid;
    }

    private static UserSummary ToSummary(PortalUser user, string role, string? merchantName, DateTimeOffset now) => new(
        user.Id,
        user.Email ?? "",
        user.DisplayName,
        role,
        user.MerchantId,
        merchantName,
        user.LockoutEnd is { } end && end > now,
        user.LockoutEnd,
        user.TwoFactorEnabled,
        user.CreatedAt,
        user.IsTeamAdmin);

    private static async Task<string> DescribeAccessAsync(PortalDb db, string role, Guid? merchantId, bool teamAdmin, CancellationToken ct)
    {
        if (merchantId is not { } id)
        {
            return role == "" ? "no role" : role;
        }

        var merchant = await db.Merchants.Where(m => m.Id == id).Select(m => m.Name).FirstOrDefaultAsync(ct);
        return $"{role} of {merchant}{(teamAdmin ? " (team admin)" : "")}";
    }

    private static Error ToError(IdentityResult result)
    {
        var error = result.Errors.First();
        return error.Code switch
        {
            "DuplicateEmail" or "DuplicateUserName" => UserErrors.EmailTaken,
            "InvalidEmail" or "InvalidUserName" => UserErrors.EmailInvalid,
            _ when error.Code.StartsWith("Password", StringComparison.Ordinal) =>
                UserErrors.PasswordRejected(string.Join(" ", result.Errors.Select(e => e.Description))),
            _ => new Error(error.Code.ToUpperInvariant(), error.Description),
        };
    }
}

/// <summary>A one-time token that lets <see cref="User"/> choose a password.</summary>
public sealed record PasswordLinkToken(PortalUser User, string Token);
