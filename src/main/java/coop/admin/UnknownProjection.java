package coop.admin;

/** A rebuild named a projection that does not exist or cannot be rebuilt (serve it as 404 {@code not_found}). */
public final class UnknownProjection extends RuntimeException {

    public UnknownProjection(String name) {
        super("There is no rebuildable projection '" + name + "'");
    }
}
