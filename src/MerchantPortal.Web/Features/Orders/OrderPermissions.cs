using System.Security.Claims;
using MerchantPortal.Identity;
using Microsoft.AspNetCore.Authorization;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>Which of an order's actions the viewer is offered, from the portal's policies; Core checks each action again.</summary>
public readonly record struct OrderPermissions(bool Refund, bool RetryFulfilment, bool Cancel, bool ClearFlag, bool PlaceOrders, bool SendCodes = false)
{
    public static async Task<OrderPermissions> ForAsync(IAuthorizationService authorization, ClaimsPrincipal user)
    {
        async Task<bool> Allowed(string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;

        return new OrderPermissions(
            Refund: await Allowed(Policies.RefundOrders),
            RetryFulfilment: await Allowed(Policies.RetryFulfilment),
            Cancel: await Allowed(Policies.CancelOrders),
            ClearFlag: await Allowed(Policies.SupportQueue),
            PlaceOrders: await Allowed(Policies.PlaceOrders),
            SendCodes: await Allowed(Policies.SendCodes));
    }
}
