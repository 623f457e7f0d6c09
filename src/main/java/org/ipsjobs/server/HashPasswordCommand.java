package org.ipsjobs.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.ipsjobs.auth.Pbkdf2Password;

import picocli.CommandLine.Command;

/**
 * {@code java -jar ips-job-service.jar hash-password}: reads a password (from the terminal without
 * echo, or the first line of standard input) and prints the hash to put in the configuration file.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Prints a PBKDF2 hash of a password for the users section of the configuration file.")
final class HashPasswordCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        char[] password = read();
        if (password == null || password.length == 0) {
            System.err.println("No password given.");
            return 1;
        }
        try {
            System.out.println(Pbkdf2Password.hash(password, new SecureRandom()));
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] read() throws IOException {
        Console console = System.console();
        if (console != null) {
            return console.readPassword("Password: ");
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
