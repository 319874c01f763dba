package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/joho/godotenv"
)

// env reads configuration variables: the process environment first, then
// the .env file. A variable set in the environment, even to "", wins.
type env struct {
	getenv func(string) string
	file   map[string]string
	path   string // the .env file read, if any
}

// loadEnv reads the .env file named by SUMMITBOT_ENV_FILE, else ./.env when
// it exists.
func loadEnv(getenv func(string) string) (*env, error) {
	e := &env{getenv: getenv, file: map[string]string{}}
	path, explicit := getenv("SUMMITBOT_ENV_FILE"), true
	if path == "" {
		path, explicit = ".env", false
	}
	data, err := os.ReadFile(path)
	switch {
	case !explicit && errors.Is(err, fs.ErrNotExist):
		return e, nil
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	m, err := godotenv.UnmarshalBytes(data)
	if err != nil {
		// godotenv's errors quote the file, token included: say where
		// the problem is instead.
		if fe := findEnvError(path, data); fe != nil {
			return nil, fe
		}
		return nil, &envFileError{Path: path, Problem: "cannot be read as NAME=value lines (its text is not shown: it may hold secrets)"}
	}
	e.file, e.path = m, path
	return e, nil
}

func (e *env) get(key string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return e.file[key]
}

// config is SummitBot's configuration, read once at start-up.
type config struct {
	DataDir   string
	CorpusDir string
	LogLevel  slog.Level
	LogFormat string
}

// loadConfig reads the configuration from the environment and .env, then
// applies the command-line flags; a bad value is an error that names the
// variable.
func loadConfig(e *env, flags globalFlags) (config, error) {
	c := config{
		DataDir:   e.get("SUMMITBOT_DATA_DIR"),
		CorpusDir: e.get("SUMMITBOT_CORPUS_DIR"),
		LogFormat: strings.ToLower(e.get("SUMMITBOT_LOG_FORMAT")),
	}
	if flags.data != "" {
		c.DataDir = flags.data
	}
	if flags.corpus != "" {
		c.CorpusDir = flags.corpus
	}
	if c.DataDir == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return c, fmt.Errorf("SUMMITBOT_DATA_DIR is not set and there is no user cache directory (%v): set it", err)
		}
		c.DataDir = filepath.Join(dir, "summitbot")
	}
	level := e.get("SUMMITBOT_LOG_LEVEL")
	if flags.logLevel != "" {
		level = flags.logLevel
	}
	if level == "" {
		level = "info"
	}
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		return c, fmt.Errorf("SUMMITBOT_LOG_LEVEL=%q: want debug, info, warn or error", level)
	}
	switch c.LogFormat {
	case "":
		c.LogFormat = "text"
	case "text", "json":
	default:
		return c, fmt.Errorf("SUMMITBOT_LOG_FORMAT=%q: want text or json", c.LogFormat)
	}
	return c, nil
}
