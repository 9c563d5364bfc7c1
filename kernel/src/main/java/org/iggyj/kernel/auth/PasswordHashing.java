package org.iggyj.kernel.auth;

/**
 * How the user commands turn a password into its stored hash and check a password against one.
 * Normally {@link #ARGON2}; while a replicated command applies, the cluster's pinned inputs take
 * over, because the receiving node hashed the password before the command entered the replicated
 * log (so no clear text is ever written there) and every node stores that hash as it is.
 */
public interface PasswordHashing {

    /** Argon2id through {@link PasswordHasher}. */
    PasswordHashing ARGON2 = new PasswordHashing() {
        @Override
        public String hash(String password, RandomSource random) {
            return PasswordHasher.hash(password, random);
        }

        @Override
        public boolean verify(String password, String phc) {
            return PasswordHasher.verify(password, phc);
        }
    };

    /**
     * @param password the password as the command carries it
     * @param random   where a salt comes from
     * @return the PHC string to store
     */
    String hash(String password, RandomSource random);

    /**
     * @param password the password as the command carries it
     * @param phc      the stored PHC string
     * @return whether the password matches
     */
    boolean verify(String password, String phc);
}
