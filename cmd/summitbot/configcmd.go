package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
)

// variable is one configuration variable, for "summitbot config".
type variable struct {
	name, def string
	secret    bool
}

// variables lists every variable SummitBot reads, as .env.example does.
var variables = []variable{
	{"TELEGRAM_BOT_TOKEN", "", true},
	{"TELEGRAM_API_URL", "https://api.telegram.org", false},
	{"SUMMITBOT_WEBHOOK_URL", "", false},
	{"SUMMITBOT_WEBHOOK_LISTEN", ":8443 (with a webhook)", false},
	{"SUMMITBOT_WEBHOOK_SECRET", "", true},
	{"SUMMITBOT_DATA_DIR", "the user cache directory", false},
	{"SUMMITBOT_CORPUS_DIR", "", false},
	{"SUMMITBOT_FEEDS", "", false},
	{"SUMMITBOT_FEED_INTERVAL", "15m", false},
	{"SUMMITBOT_WATCH_INTERVAL", "2s", false},
	{"SUMMITBOT_HTTP_TIMEOUT", "15s", false},
	{"SUMMITBOT_POLL_TIMEOUT", "50s", false},
	{"SUMMITBOT_FLOOD_LIMIT", "20", false},
	{"SUMMITBOT_METRICS_ADDR", "(off)", false},
	{"SUMMITBOT_LOG_LEVEL", "info", false},
	{"SUMMITBOT_LOG_FORMAT", "text", false},
	{"SUMMITBOT_ENV_FILE", ".env", false},
}

// mask shows that a secret is set, and a little of its shape, never its
// value: a token's bot id before the colon is public anyway.
func mask(v string) string {
	if v == "" {
		return ""
	}
	if i := strings.IndexByte(v, ':'); i > 0 && i < 16 {
		return v[:i] + ":****"
	}
	return "****"
}

var configCommand = command{
	name: "config", summary: "print the effective configuration, secrets masked; fail on a bad value",
	run: func(_ context.Context, a *app, _ any, _ []string) error {
		tc, err := loadTelegramConfig(a.env)
		if err != nil {
			return err
		}
		for _, name := range unknownVariables(a.env) {
			fmt.Fprintf(a.stderr, "warning: %s is not a SummitBot variable; a typo? (see .env.example)\n", name)
		}
		tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "VARIABLE\tVALUE\tFROM")
		for _, v := range variables {
			val, from := a.env.getenv(v.name), "environment"
			if val == "" {
				val, from = a.env.file[v.name], a.env.path
			}
			if val == "" {
				val, from = v.def, "default"
			}
			if v.secret {
				val = mask(val)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", v.name, val, from)
		}
		fmt.Fprintf(tw, "\neffective data directory\t%s\t\n", a.cfg.DataDir)
		mode := "long polling"
		if tc.WebhookURL != "" {
			mode = "webhook on " + tc.WebhookListen
		}
		fmt.Fprintf(tw, "telegram\t%s, %d feed(s)\t\n", mode, len(tc.Feeds))
		if tc.Token == "" {
			fmt.Fprintf(tw, "\nnote\tTELEGRAM_BOT_TOKEN is not set: \"serve\" will not start\t\n")
		}
		return tw.Flush()
	},
}

// unknownVariables lists the SUMMITBOT_ variables set in the environment or
// in .env that SummitBot does not read: most likely typos.
func unknownVariables(e *env) []string {
	known := map[string]bool{}
	for _, v := range variables {
		known[v.name] = true
	}
	var names []string
	add := func(name string) {
		if strings.HasPrefix(name, "SUMMITBOT_") && !strings.HasPrefix(name, "SUMMITBOT_TEST_") && !known[name] && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, kv := range os.Environ() {
		// Only what the program's getenv sees: tests give their own.
		if name, _, _ := strings.Cut(kv, "="); e.getenv(name) != "" {
			add(name)
		}
	}
	for name := range e.file {
		add(name)
	}
	slices.Sort(names)
	return names
}
