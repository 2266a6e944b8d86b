package dev.ferry.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.reconcile.DomainObservation;

/**
 * What one host holds under one guest name, for an operator after an incident.
 *
 * @param host the inventory host
 * @param name the domain name looked up (the guest's own, or its name on a destination)
 * @param reachable the worker could ask the host
 * @param error why not, when unreachable
 * @param observation what the host has under that name (absent when unreachable)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GuestSighting(
    String host, String name, boolean reachable, String error, DomainObservation observation) {}
