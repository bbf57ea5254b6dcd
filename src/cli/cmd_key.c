/* cmd_key.c: `kiosk key generate`, the signing keys of whoever publishes packs. */
#include "cli.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/sign.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char key_usage[] =
	"usage: kiosk key generate [-o NAME]\n"
	"  generate [-o NAME]   make a signing key pair: NAME.key and NAME.pub\n";

static const char generate_usage[] =
	"usage: kiosk key generate [-o NAME]\n"
	"Make a new signing key pair in minisign's formats: NAME.key, the secret key (mode\n"
	"0600; keep it off the kiosks), and NAME.pub, the public key that kiosks trust when\n"
	"it is in DATA/keys/. NAME is \"kiosk\" unless given. Existing files are never\n"
	"overwritten. When KIOSK_KEY_PASSWORD is set, the secret key is encrypted with it\n"
	"(minisign's scrypt, 1 GiB of memory); otherwise it is stored as minisign -W does.\n";

static int key_generate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = "kiosk", *pw = getenv("KIOSK_KEY_PASSWORD");
	struct sign_pubkey pk;
	struct sign_seckey sk;
	struct err e = { 0 };
	char *key_path, *pub_path, hex[17];
	int c, rc = EXIT_FAIL;

	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': name = optarg; break;
		case 'h': fputs(generate_usage, stdout); return EXIT_OK;
		default: fputs(generate_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(generate_usage, "key generate: takes no arguments (the name goes after -o)");
	if (!*name)
		return cli_usage(generate_usage, "key generate: -o needs a name");
	key_path = xasprintf("%s.key", name);
	pub_path = xasprintf("%s.pub", name);
	if (sign_keypair_new(&pk, &sk, &e) == 0 &&
	    sign_keypair_save(&pk, &sk, key_path, pub_path, pw && *pw ? pw : NULL, &e) == 0) {
		sign_keyid_hex(pk.keyid, hex);
		printf("wrote %s (secret%s) and %s (key %s)\n", key_path,
		       pw && *pw ? ", encrypted with KIOSK_KEY_PASSWORD" : ", not encrypted", pub_path, hex);
		printf("sign with: kiosk pack sign PACK.zip --key %s\n", key_path);
		printf("trust on a kiosk: copy %s into DATA/keys/\n", pub_path);
		rc = EXIT_OK;
	} else {
		rc = cli_error("key generate", &e);
	}
	sign_seckey_wipe(&sk);
	free(key_path);
	free(pub_path);
	return rc;
}

int cmd_key(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(key_usage, "key: which subcommand?");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(key_usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "generate")) {
		optind = 0; /* a fresh getopt scan for the subcommand */
		return key_generate(argc - 1, argv + 1);
	}
	return cli_usage(key_usage, "key: '%s' is not a subcommand", argv[1]);
}
