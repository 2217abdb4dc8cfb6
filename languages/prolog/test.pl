:- initialization(main).

main :-
    current_prolog_flag(version, V),
    Major is V // 10000, Minor is V // 100 mod 100, Patch is V mod 100,
    format("Hello from Runbox in Prolog (SWI-Prolog ~w.~w.~w)~n", [Major, Minor, Patch]).
