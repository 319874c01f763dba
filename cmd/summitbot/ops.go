package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	vm "github.com/VictoriaMetrics/metrics"

	"github.com/summitbot/summitbot/bot"
	"github.com/summitbot/summitbot/bot/store"
	"github.com/summitbot/summitbot/index"
)

// metrics are SummitBot's Prometheus metrics; they observe the bot. They
// are VictoriaMetrics/metrics, not the Prometheus client: the client's
// package initialization (a registry, the Go and process collectors, their
// protobuf descriptors) took 3 ms of every process, `ask` included, which
// never serves /metrics.
type metrics struct {
	set     *vm.Set
	latency *vm.PrometheusHistogram
}

func newMetrics(engine *index.Engine, st *store.Store) *metrics {
	m := &metrics{set: vm.NewSet()}
	m.latency = m.set.NewPrometheusHistogramExt("summitbot_answer_seconds",
		[]float64{.0005, .001, .002, .005, .01, .02, .05, .1, .25, .5, 1})
	m.set.NewGauge("summitbot_index_documents", func() float64 { return float64(engine.Info().Documents) })
	m.set.NewGauge("summitbot_index_passages", func() float64 { return float64(engine.Info().Passages) })
	m.set.NewGauge("summitbot_subscriptions", func() float64 {
		subs, _ := st.Subscriptions()
		return float64(len(subs))
	})
	m.set.NewGauge("summitbot_outbox_depth", func() float64 {
		_, total, _ := st.Pending(time.Now(), 0)
		return float64(total)
	})
	return m
}

// count adds one to a counter; labels are written in name order, as
// Prometheus exposes them.
func (m *metrics) count(format string, labels ...any) {
	m.set.GetOrCreateCounter(fmt.Sprintf(format, labels...)).Inc()
}

func (m *metrics) UpdateHandled(kind, outcome string, _ time.Duration) {
	m.count(`summitbot_updates_total{outcome=%q,type=%q}`, outcome, kind)
}

func (m *metrics) Asked(answered bool, took time.Duration) {
	m.count(`summitbot_questions_total{answered="%t"}`, answered)
	m.latency.Update(took.Seconds())
}

func (m *metrics) APICall(method, result string) {
	m.count(`summitbot_bot_api_calls_total{method=%q,result=%q}`, method, result)
}

// ServeHTTP writes the metrics in Prometheus's text format, with the Go
// runtime's and the process's.
func (m *metrics) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.set.WritePrometheus(w)
	vm.WriteProcessMetrics(w)
}

// degradable reports a degraded state: the live corpus when the index
// refused an update.
type degradable interface{ Degraded() error }

// opsServer serves /healthz (the process runs), /readyz (the index is open,
// up to date, and Telegram answers) and /metrics on the operator's address.
func opsServer(m *metrics, engine *index.Engine, client *bot.Client, live degradable) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if err := ready(r.Context(), engine, client); err != nil {
			http.Error(w, "not ready: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		if live != nil {
			if err := live.Degraded(); err != nil {
				http.Error(w, "degraded: answering from the index in use; the last index update failed and is retried: "+err.Error(),
					http.StatusServiceUnavailable)
				return
			}
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("GET /metrics", m)
	return mux
}

// ready checks the index and Telegram; Telegram is asked again only when
// it has not answered for a minute.
func ready(ctx context.Context, engine *index.Engine, client *bot.Client) error {
	if engine.Info().Passages == 0 {
		return errors.New("the index is empty")
	}
	if time.Since(client.LastContact()) < time.Minute {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if _, err := client.Me(ctx); err != nil {
		return fmt.Errorf("telegram: %w", err)
	}
	return nil
}

// serveOps runs the operations server on ln until ctx ends.
func (a *app) serveOps(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	a.log.Info("serving health and metrics", "addr", ln.Addr().String())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

var healthCommand = command{
	name: "health", summary: "check a running bot's /healthz on SUMMITBOT_METRICS_ADDR (for container health checks)",
	run: func(ctx context.Context, a *app, _ any, _ []string) error {
		addr := a.env.get("SUMMITBOT_METRICS_ADDR")
		if addr == "" {
			return errors.New("SUMMITBOT_METRICS_ADDR is not set: the health endpoint is off")
		}
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return fmt.Errorf("SUMMITBOT_METRICS_ADDR=%q: %w", addr, err)
		}
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "127.0.0.1"
		}
		ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+"/healthz", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("health: %w", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("health: %s", resp.Status)
		}
		fmt.Fprintln(a.stdout, "ok")
		return nil
	},
}
