// Stripe Elements for saving a card with real Stripe keys. Stripe.js must be loaded from js.stripe.com.
let stripe;
let card;

function loadStripeJs() {
    if (window.Stripe) {
        return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = "https://js.stripe.com/v3/";
        script.onload = resolve;
        script.onerror = () => reject(new Error("Stripe.js could not be loaded."));
        document.head.appendChild(script);
    });
}

export async function mountCard(publishableKey, selector) {
    await loadStripeJs();
    stripe = window.Stripe(publishableKey);
    card = stripe.elements().create("card", { hidePostalCode: true });
    card.mount(selector);
}

// Confirms the SetupIntent; Stripe redirects to returnUrl when 3-D Secure is needed, else we do.
// Returns an error message for the page, or null after starting the redirect.
export async function confirmSetup(clientSecret, returnUrl) {
    const { setupIntent, error } = await stripe.confirmCardSetup(clientSecret, { payment_method: { card }, return_url: returnUrl });
    if (error) {
        return error.message;
    }
    const url = new URL(returnUrl);
    url.searchParams.set("setup_intent", setupIntent.id);
    url.searchParams.set("redirect_status", setupIntent.status === "succeeded" ? "succeeded" : "failed");
    window.location.assign(url.toString());
    return null;
}
