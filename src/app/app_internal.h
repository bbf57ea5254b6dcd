/* app_internal.h: what app.c and app_input.c share, and nothing else includes. */
#ifndef KIOSK_APP_INTERNAL_H
#define KIOSK_APP_INTERNAL_H

#include "app.h"
#include "screens/screen.h"

/* A line for --trace: "MS WHAT VALUE" (no visitor data). */
void app_trace(struct app *a, const char *what, const char *value);
/* The route on show, in the trace. */
void app_trace_route(struct app *a);
/* What the app lends a screen for one call (every pointer borrowed for the call). */
void app_ctx(struct app *a, struct screen_ctx *c);
/* Do what a touch target or a screen's reply says (enum action, payload may be NULL). */
void app_act(struct app *a, int action, const char *payload);
/* Carry out a screen's reply: trace, rebuild, redraw, then its action. */
void app_apply(struct app *a, const struct screen_reply *r);
void app_go_back(struct app *a);
void app_go_home(struct app *a);

#endif
