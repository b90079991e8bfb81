Feature: Nodes: cordon, drain, taints, and nodes that fail, leave or join
  A node can be taken out of scheduling (`kubectl cordon`), emptied (`kubectl drain`, which
  evicts its pods through the pods/eviction subresource) and tainted (`kubectl taint`). A node
  whose kubelet stops reporting is marked NotReady by the node lifecycle controller once its
  Lease is older than the grace period (50 s in 1.32, 40 s before), tainted `unreachable`, and
  its pods, which tolerate that for 300 s, are then evicted and replaced elsewhere; they stay
  `Terminating` until the kubelet can confirm they stopped. A removed node's pods are deleted by
  the pod garbage collector; a node that joins gives waiting pods a place to run.

  Background:
    Given the tutorial cluster

  @NODE-1
  Scenario: A cordoned node takes no new pods
    When I run "kubectl cordon node2"
    Then the output is "node/node2 cordoned"
    When I run "kubectl cordon node2"
    Then the output is "node/node2 already cordoned"
    When I run "kubectl get nodes"
    Then the output is:
      """
      NAME     STATUS                     ROLES           AGE   VERSION
      master   Ready                      control-plane   24h   v1.32.0
      node1    Ready                      <none>          24h   v1.32.0
      node2    Ready,SchedulingDisabled   <none>          24h   v1.32.0
      """
    When I run "kubectl describe node node2"
    Then the output includes:
      """
      Taints:             node.kubernetes.io/unschedulable:NoSchedule
      Unschedulable:      true
      """
    When I run "kubectl create -f myapp-rs.yaml"
    And the cluster settles
    Then every pod matching "app=myapp" has:
      """
      spec:
        nodeName: node1
      """
    When I run "kubectl uncordon node2"
    Then the output is "node/node2 uncordoned"
    When I run "kubectl describe node node2"
    Then the output includes:
      """
      Taints:             <none>
      Unschedulable:      false
      """

  @NODE-2
  Scenario: Draining a node evicts its pods, and their ReplicaSet makes new ones elsewhere
    When I run "kubectl create -f myapp-rs.yaml"
    And the cluster settles
    And I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME           | STATUS  | NODE  |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node2 |
      | myapp-{suffix} | Running | node2 |
    When I note the time
    And I run "kubectl drain node1"
    Then the output is:
      """
      node/node1 cordoned
      evicting pod default/myapp-{suffix}
      evicting pod default/myapp-{suffix}
      pod/myapp-{suffix} evicted
      pod/myapp-{suffix} evicted
      node/node1 drained
      """
    And at least 2 pods matching "app=myapp" were available at every moment
    When the cluster settles
    And I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME           | STATUS  | NODE  |
      | myapp-{suffix} | Running | node2 |
      | myapp-{suffix} | Running | node2 |
      | myapp-{suffix} | Running | node2 |
      | myapp-{suffix} | Running | node2 |
    When I run "kubectl get nodes"
    Then the output shows:
      | NAME   | STATUS                   |
      | master | Ready                    |
      | node1  | Ready,SchedulingDisabled |
      | node2  | Ready                    |

  @NODE-3
  Scenario: drain refuses pods without a controller and pods with emptyDir data unless told
    When I run "kubectl create -f myapp-rs.yaml"
    And I run "kubectl create -f solo-pod.yaml"
    And I run "kubectl create -f cache-rs.yaml"
    And the cluster settles
    And I run "kubectl drain node1"
    Then the command fails with:
      """
      error: unable to drain node "node1" due to error: [cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache-{suffix}, cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo], continuing command...
      There are pending nodes to be drained:
       node1
      cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache-{suffix}
      cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo
      """
    When I run "kubectl drain node1 --force"
    Then the command fails with:
      """
      error: unable to drain node "node1" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache-{suffix}, continuing command...
      There are pending nodes to be drained:
       node1
      cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache-{suffix}
      """
    When I run "kubectl drain node1 --force --delete-emptydir-data"
    Then the output is:
      """
      node/node1 already cordoned
      evicting pod default/cache-{suffix}
      evicting pod default/myapp-{suffix}
      evicting pod default/myapp-{suffix}
      evicting pod default/solo
      pod/cache-{suffix} evicted
      pod/myapp-{suffix} evicted
      pod/myapp-{suffix} evicted
      pod/solo evicted
      node/node1 drained
      """
    And the error output is "Warning: deleting Pods that declare no controller: default/solo"
    # The cache pod may only run on node1, which is cordoned: its replacement waits.
    When the cluster settles
    And I run "kubectl get pods -l app=cache"
    Then the output shows:
      | NAME           | READY | STATUS  |
      | cache-{suffix} | 0/1   | Pending |

  @NODE-4
  Scenario: drain leaves DaemonSet pods alone only when told to
    When I run "kubectl create -f logs-ds.yaml"
    And the cluster settles
    And I run "kubectl drain node1"
    Then the command fails with:
      """
      error: unable to drain node "node1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/logs-{suffix}, continuing command...
      There are pending nodes to be drained:
       node1
      cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/logs-{suffix}
      """
    When I run "kubectl drain node1 --ignore-daemonsets"
    Then the output is:
      """
      node/node1 already cordoned
      node/node1 drained
      """
    And the error output is "Warning: ignoring DaemonSet-managed Pods: default/logs-{suffix}"

  @NODE-5
  Scenario: A NoSchedule taint keeps pods away; a NoExecute taint evicts those already there
    When I run "kubectl taint nodes node1 dedicated=special-user:NoSchedule"
    Then the output is "node/node1 tainted"
    When I run "kubectl taint nodes node1 dedicated=special-user:NoSchedule"
    Then the command fails with "error: node node1 already has dedicated taint(s) with same effect(s) and --overwrite is false"
    When I run "kubectl describe node node1"
    Then the output includes:
      """
      Taints:             dedicated=special-user:NoSchedule
      """
    When I run "kubectl create -f myapp-rs.yaml"
    And the cluster settles
    Then every pod matching "app=myapp" has:
      """
      spec:
        nodeName: node2
      """
    When I run "kubectl taint nodes node1 dedicated:NoSchedule-"
    Then the output is "node/node1 untainted"
    When I run "kubectl taint nodes node1 dedicated:NoSchedule-"
    Then the command fails with:
      """
      error: taint "dedicated:NoSchedule" not found
      """
    When I run "kubectl taint nodes node2 maintenance=true:NoExecute"
    Then the output is "node/node2 tainted"
    When the cluster settles
    Then every pod matching "app=myapp" has:
      """
      spec:
        nodeName: node1
      """
    When I run "kubectl get events --field-selector reason=TaintManagerEviction"
    Then the output shows, in any order:
      | TYPE   | REASON               | OBJECT             | MESSAGE                                       |
      | Normal | TaintManagerEviction | pod/myapp-{suffix} | Marking for deletion Pod default/myapp-{suffix} |
      | Normal | TaintManagerEviction | pod/myapp-{suffix} | Marking for deletion Pod default/myapp-{suffix} |
      | Normal | TaintManagerEviction | pod/myapp-{suffix} | Marking for deletion Pod default/myapp-{suffix} |
      | Normal | TaintManagerEviction | pod/myapp-{suffix} | Marking for deletion Pod default/myapp-{suffix} |

  @NODE-6
  Scenario: A node that stops reporting goes NotReady; 300 s later its pods are evicted and replaced
    When I run "kubectl create -f myapp-rs.yaml"
    And the cluster settles
    And I note the time
    And node "node2" stops reporting
    And 40 seconds pass
    And I run "kubectl get nodes"
    Then the output shows:
      | NAME   | STATUS |
      | master | Ready  |
      | node1  | Ready  |
      | node2  | Ready  |
    # Its last Lease renewal was at the 10-second tick before it stopped: 50 s after that, the
    # next 5-second pass of the node lifecycle controller marks it Unknown.
    When 10 seconds pass
    And I run "kubectl get nodes"
    Then the output shows:
      | NAME   | STATUS   |
      | master | Ready    |
      | node1  | Ready    |
      | node2  | NotReady |
    When I run "kubectl describe node node2"
    Then the output includes:
      """
      Taints:             node.kubernetes.io/unreachable:NoSchedule
      Unschedulable:      false
      """
    And the output includes:
      """
        Ready            Unknown   Wed, 05 Sep 2018 06:57:00 +0000   Thu, 06 Sep 2018 06:57:55 +0000   NodeStatusUnknown   Kubelet stopped posting node status.
      """
    # At the next pass the NoExecute taint follows, which the pods tolerate for 300 s.
    When 5 seconds pass
    And I run "kubectl describe node node2"
    Then the output includes:
      """
      Taints:             node.kubernetes.io/unreachable:NoExecute
                          node.kubernetes.io/unreachable:NoSchedule
      """
    When I run "kubectl get events --field-selector reason=NodeNotReady"
    Then the output shows, in any order:
      | TYPE    | REASON       | OBJECT             | MESSAGE                                |
      | Warning | NodeNotReady | pod/myapp-{suffix} | Node is not ready                      |
      | Warning | NodeNotReady | pod/myapp-{suffix} | Node is not ready                      |
      | Normal  | NodeNotReady | node/node2         | Node node2 status is now: NodeNotReady |
    When 299 seconds pass
    And I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME           | READY | STATUS  | NODE  |
      | myapp-{suffix} | 1/1   | Running | node1 |
      | myapp-{suffix} | 1/1   | Running | node1 |
      | myapp-{suffix} | 1/1   | Running | node2 |
      | myapp-{suffix} | 1/1   | Running | node2 |
    When 1 second passes
    And the cluster settles
    And I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME           | READY | STATUS      | NODE  |
      | myapp-{suffix} | 1/1   | Running     | node1 |
      | myapp-{suffix} | 1/1   | Running     | node1 |
      | myapp-{suffix} | 1/1   | Running     | node1 |
      | myapp-{suffix} | 1/1   | Running     | node1 |
      | myapp-{suffix} | 1/1   | Terminating | node2 |
      | myapp-{suffix} | 1/1   | Terminating | node2 |
    And at least 2 pods matching "app=myapp" were available at every moment
    And at most 4 pods matching "app=myapp" existed at any moment
    # Back again, the kubelet stops the pods it was told to delete, and the taints go.
    When node "node2" comes back
    And the cluster settles
    And I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME           | STATUS  | NODE  |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node1 |
    When I run "kubectl describe node node2"
    Then the output includes:
      """
      Taints:             <none>
      """
    And the output includes:
      """
        Ready            True    Thu, 06 Sep 2018 07:03:01 +0000   Thu, 06 Sep 2018 07:03:01 +0000   KubeletReady                 kubelet is posting ready status
      """

  @NODE-7
  Scenario: A kubelet that reports NotReady: Ready False and the not-ready taints
    When node "node2" reports NotReady
    And 5 seconds pass
    And I run "kubectl get nodes"
    Then the output shows:
      | NAME  | STATUS   |
      | master | Ready   |
      | node1 | Ready    |
      | node2 | NotReady |
    When I run "kubectl describe node node2"
    Then the output includes:
      """
      Taints:             node.kubernetes.io/not-ready:NoExecute
                          node.kubernetes.io/not-ready:NoSchedule
      """
    And the output includes:
      """
        Ready            False   Thu, 06 Sep 2018 06:57:00 +0000   Thu, 06 Sep 2018 06:57:00 +0000   KubeletNotReady              container runtime is down
      """
    When node "node2" comes back
    And 5 seconds pass
    And I run "kubectl describe node node2"
    Then the output includes:
      """
      Taints:             <none>
      """

  @NODE-8
  Scenario: Pods no node can take wait; a node that joins gives them one
    When I run "kubectl create -f ssd-rs.yaml"
    And the cluster settles
    And I run "kubectl get pods"
    Then the output shows:
      | NAME          | READY | STATUS  |
      | fast-{suffix} | 0/1   | Pending |
      | fast-{suffix} | 0/1   | Pending |
    When a node "node3" with labels "disktype=ssd" joins the cluster
    And the cluster settles
    And I run "kubectl get nodes -o wide"
    Then the output shows:
      | NAME   | STATUS | INTERNAL-IP     |
      | master | Ready  | 192.168.130.103 |
      | node1  | Ready  | 192.168.130.104 |
      | node2  | Ready  | 192.168.130.105 |
      | node3  | Ready  | 192.168.130.106 |
    When I run "kubectl get pods -o wide"
    Then the output shows:
      | NAME          | READY | STATUS  | IP         | NODE  |
      | fast-{suffix} | 1/1   | Running | 10.244.3.3 | node3 |
      | fast-{suffix} | 1/1   | Running | 10.244.3.2 | node3 |

  @NODE-9
  Scenario: A removed node's pods are deleted by the pod garbage collector, and replaced
    When I run "kubectl create -f myapp-rs.yaml"
    And the cluster settles
    And node "node2" is removed
    And I run "kubectl get nodes"
    Then the output shows:
      | NAME   | STATUS |
      | master | Ready  |
      | node1  | Ready  |
    When I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME           | STATUS  | NODE  |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node2 |
      | myapp-{suffix} | Running | node2 |
    When 1 minute passes
    And I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME           | STATUS  | NODE  |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node1 |
      | myapp-{suffix} | Running | node1 |
