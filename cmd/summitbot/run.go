package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/summitbot/summitbot/corpus"
	"github.com/summitbot/summitbot/index"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// clock is what "the next summit" and "the last one" are relative to; the
// tests fix it, so that their verdicts do not change with the years.
var clock = time.Now

// usageError is a mistake in the command line; the process exits with 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// command is one subcommand of summitbot.
type command struct {
	name, args, summary string
	flags               func(fs *flag.FlagSet) any
	run                 func(ctx context.Context, a *app, opts any, args []string) error
}

var commands []command

func init() {
	commands = []command{askCommand, chatCommand, configCommand, corpusCommand, healthCommand, indexCommand, ingestCommand, serveCommand, versionCommand}
}

// globalFlags are accepted by every command.
type globalFlags struct {
	data, corpus, logLevel string
}

// app is what a command runs with: configuration, output and logs.
type app struct {
	cfg    config
	env    *env
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

// run is the whole program. It returns usageError for a bad command line.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stdout)
		if len(args) == 0 {
			return usagef("no command given")
		}
		return nil
	}
	var cmd *command
	for i := range commands {
		if commands[i].name == args[0] {
			cmd = &commands[i]
		}
	}
	if cmd == nil {
		return usagef("unknown command %q (run \"summitbot help\")", args[0])
	}
	fs := flag.NewFlagSet("summitbot "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var g globalFlags
	fs.StringVar(&g.data, "data", "", "data `directory` for the index and state (env SUMMITBOT_DATA_DIR; default: the user cache directory)")
	fs.StringVar(&g.corpus, "corpus", "", "`directory` of extra Markdown documents (env SUMMITBOT_CORPUS_DIR)")
	fs.StringVar(&g.logLevel, "log-level", "", "debug, info, warn or error (env SUMMITBOT_LOG_LEVEL)")
	var opts any
	if cmd.flags != nil {
		opts = cmd.flags(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: summitbot %s [flags] %s\n\n%s\n\nflags:\n", cmd.name, cmd.args, cmd.summary)
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return usageError{err.Error()}
	}
	e, err := loadEnv(getenv)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(e, g)
	if err != nil {
		return err
	}
	a := &app{cfg: cfg, env: e, stdin: stdin, stdout: stdout, stderr: stderr, log: newLogger(stderr, cfg)}
	return cmd.run(ctx, a, opts, pos)
}

// parseInterspersed parses flags wherever they are: "ask --json question"
// and "ask question --json" both work.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newLogger(w io.Writer, cfg config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "summitbot answers questions about the China–Central Asia summits, with citations.")
	fmt.Fprintln(w, "\nusage: summitbot <command> [flags] [arguments]\n\ncommands:")
	cs := append([]command(nil), commands...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"summitbot <command> -h\" for a command's flags.")
}

// documentsDir holds the documents taken in from feeds and by "ingest".
func (a *app) documentsDir() string { return filepath.Join(a.cfg.DataDir, "documents") }

// corpusDirs are the folders of documents beside the embedded ones: the
// operator's, then the documents taken in.
func (a *app) corpusDirs() ([]string, error) {
	var dirs []string
	if a.cfg.CorpusDir != "" {
		info, err := os.Stat(a.cfg.CorpusDir)
		if err != nil {
			return nil, fmt.Errorf("corpus folder: %w", err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("corpus folder %s: not a directory", a.cfg.CorpusDir)
		}
		dirs = append(dirs, a.cfg.CorpusDir)
	}
	return append(dirs, a.documentsDir()), nil
}

// loadCorpus returns the embedded corpus merged with the folders'.
func (a *app) loadCorpus() (*corpus.Collection, error) {
	dirs, err := a.corpusDirs()
	if err != nil {
		return nil, err
	}
	extra, err := corpus.LoadDirs(dirs...)
	if err != nil {
		return nil, err
	}
	return a.withEmbedded(extra)
}

// withEmbedded merges the embedded corpus with the folders' documents.
func (a *app) withEmbedded(extra *corpus.Collection) (*corpus.Collection, error) {
	c, err := corpus.Default()
	if err != nil {
		return nil, fmt.Errorf("embedded corpus: %w", err)
	}
	for _, s := range extra.Skipped {
		a.log.Warn("not a document, skipped (documents are *.md files)", "file", s)
	}
	return corpus.Merge(c, extra)
}

// openEngine opens the corpus's index. When the corpus's files are as they
// were the last time (corpus.Stamp), the corpus is not read at all.
func (a *app) openEngine(ctx context.Context, rebuild bool) (*index.Engine, error) {
	dirs, err := a.corpusDirs()
	if err != nil {
		return nil, err
	}
	stamp, err := corpus.Stamp(dirs...)
	if err != nil {
		return nil, err
	}
	return a.openIndex(ctx, index.Source{Stamp: stamp, Load: a.loadCorpus}, rebuild)
}

func (a *app) openIndex(ctx context.Context, src index.Source, rebuild bool) (*index.Engine, error) {
	e, err := index.OpenSource(ctx, src, index.Options{Dir: a.cfg.DataDir, Rebuild: rebuild, Logger: a.log, Now: clock})
	if err != nil {
		return nil, fmt.Errorf("index in %s: %w", a.cfg.DataDir, err)
	}
	return e, nil
}

var versionCommand = command{
	name: "version", summary: "print the version",
	run: func(_ context.Context, a *app, _ any, _ []string) error {
		fmt.Fprintln(a.stdout, "summitbot", version)
		return nil
	},
}

// joinArgs reads the rest of the command line as one text, so that quotes
// are optional: summitbot ask When was the first summit
func joinArgs(args []string, what string) (string, error) {
	if len(args) == 0 {
		return "", usagef("missing %s", what)
	}
	return strings.Join(args, " "), nil
}
